import { usePage } from '../page-context'

/** The links between a section's pages, the current one marked for screen readers and the eye. */
export const SubNav = (props: { label: string; links: [href: string, text: string][] }) => {
  const { path } = usePage()
  return (
    <nav aria-label={props.label} class="subnav">
      <ul>
        {props.links.map(([href, text]) => (
          <li>
            <a href={href} aria-current={path === href ? 'page' : undefined}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
