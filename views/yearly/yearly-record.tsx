import type { YearlySnapshot } from '../../src/yearly/yearly-shape'

/** A table of the record, or a line saying there is nothing; `numeric` columns align right. */
export const RecordTable = (props: {
  empty: string
  head: string[]
  rows: string[][]
  numeric?: number[]
}) => {
  const numeric = new Set(props.numeric ?? [])
  const cls = (i: number) => (numeric.has(i) ? 'numeric' : undefined)
  if (props.rows.length === 0) return <p>{props.empty}</p>
  return (
    <div class="table-scroll">
      <table class="table">
        <thead>
          <tr>
            {props.head.map((label, i) => (
              <th scope="col" class={cls(i)}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              {row.map((cell, i) => (
                <td class={cls(i)}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The approved yearly lägesbild and åtgärdsplan, format 1: a pure function of
 * the stored snapshot (no page context, no catalogue, no clock), so the same
 * snapshot gives the same bytes and its hash can be checked by rendering it
 * again. Never change what this renders: a new look is a new format.
 */
const YearlyRecord = ({ data }: { data: YearlySnapshot }) => {
  const l = data.labels
  return (
    <div class="minutes-record yearly-record" lang="sv">
      <header class="minutes-section">
        <p class="eyebrow">{l.record}</p>
        <h1>{data.title}</h1>
        <p>{data.approval}</p>
      </header>

      <section class="minutes-section" aria-labelledby="y-summary">
        <h2 id="y-summary">{l.summary}</h2>
        {data.summary ? <p class="pre-line">{data.summary}</p> : <p>{l.summaryNone}</p>}
      </section>

      <section class="minutes-section" aria-labelledby="y-picture">
        <h2 id="y-picture">{l.picture}</h2>
        <p>{l.pictureIntro}</p>
        <RecordTable
          empty={l.pictureNone}
          head={[l.team, l.area, l.category, l.entries, l.events]}
          numeric={[3, 4]}
          rows={data.picture.map((r) => [r.team, r.area, r.category, r.entries, r.events])}
        />
      </section>

      <section class="minutes-section" aria-labelledby="y-problems">
        <h2 id="y-problems">{l.problems}</h2>
        <RecordTable
          empty={l.problemsNone}
          head={[l.team, l.area, l.category, l.cause]}
          rows={data.problems.map((r) => [r.team, r.area, r.category, r.cause])}
        />
      </section>

      <section class="minutes-section" aria-labelledby="y-plan">
        <h2 id="y-plan">{l.plan}</h2>
        <RecordTable
          empty={l.planNone}
          head={[l.cause, l.action, l.goal, l.timing, l.agency]}
          rows={data.plan.map((r) => [r.cause, r.action, r.goal, r.timing, r.agency])}
        />
      </section>

      <section class="minutes-section" aria-labelledby="y-follow-up">
        <h2 id="y-follow-up">{l.followUp}</h2>
        <RecordTable
          empty={l.followUpNone}
          head={[l.action, l.goal, l.agency, l.done, l.effect, l.rating, l.note]}
          rows={data.followUp.map((r) => [
            r.action,
            r.goal,
            r.agency,
            r.done,
            r.effect,
            r.rating,
            r.note,
          ])}
        />
      </section>
    </div>
  )
}

export function renderYearlyRecord(data: YearlySnapshot): string {
  const html: unknown = (<YearlyRecord data={data} />).toString()
  if (html instanceof Promise) throw new Error('The yearly record must render synchronously')
  return String(html)
}
