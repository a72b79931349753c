import type { MinutesSnapshot } from '../../src/minutes/snapshot-shape'

/**
 * The justerat protokoll, format 1: a pure function of the stored snapshot (no
 * page context, no catalogue, no clock), so that the same snapshot gives the
 * same bytes forever and its hash can be checked by rendering it again. Never
 * change what this renders: a new look is a new format, and stored snapshots
 * keep the format they were made with.
 */
const MinutesRecord = ({ data }: { data: MinutesSnapshot }) => {
  const l = data.labels
  return (
    <div class="minutes-record" lang="sv">
      <header class="minutes-section">
        <p class="eyebrow">{l.record}</p>
        <h1>{data.title}</h1>
        <dl class="facts">
          <div>
            <dt>{l.when}</dt>
            <dd>{data.when}</dd>
          </div>
          {data.location ? (
            <div>
              <dt>{l.location}</dt>
              <dd>{data.location}</dd>
            </div>
          ) : null}
        </dl>
      </header>

      <section class="minutes-section" aria-labelledby="r-attendance">
        <h2 id="r-attendance">{l.attendance}</h2>
        {data.attendance.length === 0 ? (
          <p class="muted">{l.attendanceNone}</p>
        ) : (
          <ul>
            {data.attendance.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        )}
      </section>

      <section class="minutes-section" aria-labelledby="r-agenda">
        <h2 id="r-agenda">{l.agenda}</h2>
        <ol>
          {data.agenda.map((title) => (
            <li>{title}</li>
          ))}
        </ol>
      </section>

      <section class="minutes-section" aria-labelledby="r-follow-up">
        <h2 id="r-follow-up">{l.followUp}</h2>
        {data.followUp.length === 0 ? (
          <p class="muted">{l.followUpNone}</p>
        ) : (
          <ul>
            {data.followUp.map((action) => (
              <li>
                {action.text} – <span class="muted">{action.facts}</span>
                {action.outcome ? ` · ${action.outcome}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="minutes-section" aria-labelledby="r-situation">
        <h2 id="r-situation">{l.situation}</h2>
        <h3>{l.assessments}</h3>
        {data.assessments.length === 0 ? (
          <p class="muted">{l.assessmentsNone}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{l.assessments}</caption>
            <thead>
              <tr>
                <th scope="col">{l.area}</th>
                <th scope="col">{l.level}</th>
                <th scope="col">{l.trend}</th>
                <th scope="col">{l.justification}</th>
              </tr>
            </thead>
            <tbody>
              {data.assessments.map((row) => (
                <tr>
                  <td>{row.area}</td>
                  <td>{row.level}</td>
                  <td>{row.trend}</td>
                  <td>{row.justification}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{l.entries}</h3>
        {data.picture.length === 0 ? (
          <p class="muted">{l.entriesNone}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{l.entries}</caption>
            <thead>
              <tr>
                <th scope="col">{l.area}</th>
                <th scope="col">{l.category}</th>
                <th scope="col">{l.entriesCount}</th>
                <th scope="col">{l.eventsCount}</th>
                <th scope="col">{l.trends}</th>
              </tr>
            </thead>
            <tbody>
              {data.picture.map((cell) => (
                <tr>
                  <td>{cell.area}</td>
                  <td>{cell.category}</td>
                  <td>{cell.entries}</td>
                  <td>{cell.events}</td>
                  <td>{cell.trends}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="minutes-section" aria-labelledby="r-decisions">
        <h2 id="r-decisions">{l.decisions}</h2>
        {data.decisions.length === 0 ? (
          <p class="muted">{l.decisionsNone}</p>
        ) : (
          <ol>
            {data.decisions.map((decision) => (
              <li>
                {decision.item ? <span class="muted">{decision.item}: </span> : null}
                {decision.text}
                {decision.problems ? <p class="muted">{decision.problems}</p> : null}
                {decision.actions.length > 0 ? (
                  <ul>
                    {decision.actions.map((action) => (
                      <li>
                        {action.text} – <span class="muted">{action.facts}</span>
                        {action.goal ? <p class="muted">{action.goal}</p> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section class="minutes-section" aria-labelledby="r-approval">
        <h2 id="r-approval">{l.approval}</h2>
        <dl class="facts">
          {data.approvals.map((approval) => (
            <div>
              <dt>{approval.capacity}</dt>
              <dd>{approval.text}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  )
}

export function renderMinutesRecord(data: MinutesSnapshot): string {
  const html: unknown = (<MinutesRecord data={data} />).toString()
  if (html instanceof Promise) throw new Error('The minutes record must render synchronously')
  return String(html)
}
