/** A select in a filter form (GET): the first option is "all", the current value is selected. */
export const FilterSelect = (props: {
  id: string
  name: string
  label: string
  all: string
  options: { value: string; label: string }[]
  current: string | null
}) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    <select id={props.id} name={props.name}>
      <option value="">{props.all}</option>
      {props.options.map((option) => (
        <option value={option.value} selected={option.value === props.current}>
          {option.label}
        </option>
      ))}
    </select>
  </div>
)
