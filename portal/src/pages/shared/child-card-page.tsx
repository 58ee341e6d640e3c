import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { HubError, errorAt } from '../../api/hub-errors';
import { ErrorList, Field, Loading, MissingAgencies, Withheld } from '../../components/notices';
import {
  AGENCY_CAPTIONS,
  CASE_STATE_CAPTIONS,
  CATEGORY_CAPTIONS,
  CONSENT_STATUS_CAPTIONS,
  FAMILY_ROLE_CAPTIONS,
  MEASURE_STATUS_CAPTIONS,
  PURPOSE_CAPTIONS,
  SIGNAL_STATUS_CAPTIONS,
  URGENCY_CAPTIONS,
  caption,
  captions,
} from '../../format/captions';
import { formatAge, formatDate, formatDateTime } from '../../format/dates';
import { timeZoneOf } from '../../format/time-zones';
import { CHILD_CARD } from './shared.operations';

interface SignalRow {
  id: string;
  observedAt: string;
  description: string;
  urgency: string;
  status: string;
}
interface MeasureRow {
  id: string;
  title: string;
  dueDate: string;
  doneDate?: string | null;
  status: string;
}

/** An agency's section: its data, or why it is withheld, or that its service did not answer. */
function Section({ agency, path, errors, present, children }: { agency: string; path: string; errors: readonly HubError[]; present: boolean; children: ReactNode }) {
  // The gateway names the service that did not answer; its error need not carry the section's path.
  const error = errorAt(errors, path) ?? errors.find((e) => e.kind === 'unavailable' && e.service === agency.toLowerCase());
  const title = caption(AGENCY_CAPTIONS, agency);
  let body: ReactNode = children;
  if (error?.kind === 'unavailable') body = <p className="notice notice-warning">Ведомство не ответило: сведения раздела в ответ не вошли.</p>;
  else if (error) body = <Withheld error={error} />;
  else if (!present) body = <p>Сведений нет.</p>;
  return (
    <section className="agency-section" aria-label={title} data-agency={agency}>
      <h2>{title}</h2>
      {body}
    </section>
  );
}

function Signals({ rows, zone }: { rows: readonly SignalRow[]; zone: ReturnType<typeof timeZoneOf> }) {
  if (rows.length === 0) return <p>Сигналов нет.</p>;
  return (
    <table>
      <caption>Сигналы</caption>
      <thead>
        <tr>
          <th scope="col">Выявлен</th>
          <th scope="col">Срочность</th>
          <th scope="col">Описание</th>
          <th scope="col">Состояние</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.id}>
            <td>{formatDateTime(s.observedAt, zone)}</td>
            <td>{caption(URGENCY_CAPTIONS, s.urgency)}</td>
            <td>{s.description}</td>
            <td>{caption(SIGNAL_STATUS_CAPTIONS, s.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Measures({ rows }: { rows: readonly MeasureRow[] }) {
  if (rows.length === 0) return <p>Мероприятий нет.</p>;
  return (
    <table>
      <caption>Мероприятия</caption>
      <thead>
        <tr>
          <th scope="col">Мероприятие</th>
          <th scope="col">Срок</th>
          <th scope="col">Исполнено</th>
          <th scope="col">Состояние</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <td>{m.title}</td>
            <td>{formatDate(m.dueDate)}</td>
            <td>{formatDate(m.doneDate)}</td>
            <td>{caption(MEASURE_STATUS_CAPTIONS, m.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The unified view of one child: the bank's card and every agency's section, each as the hub decided. */
export function ChildCardPage() {
  const { id = '' } = useParams();
  const { data, errors, loading } = useQuery(CHILD_CARD, { id });
  if (loading) return <Loading what="карточка ребёнка" />;
  const child = data?.child ?? null;
  const refusal = errorAt(errors, 'child');
  if (!child) {
    return (
      <section>
        <h1>Карточка ребёнка</h1>
        {refusal ? (
          <p role="alert" className="notice notice-error" data-reason={refusal.reason ?? undefined}>
            Открыть сведения о ребёнке нельзя. {refusal.text}
            {refusal.requestId ? <span className="request-id"> Номер запроса: {refusal.requestId}</span> : null}
          </p>
        ) : null}
        <ErrorList errors={errors} shownPaths={['child']} />
        {!refusal && errors.length === 0 ? <p role="alert">Ребёнок не найден.</p> : null}
      </section>
    );
  }
  const zone = timeZoneOf(child.municipality);
  const shown = ['child.education', 'child.health', 'child.police', 'child.social', 'child.guardianship'];
  return (
    <article aria-labelledby="child-title">
      <h1 id="child-title">{child.fullName}</h1>
      <MissingAgencies errors={errors} />
      <ErrorList errors={errors} shownPaths={shown} />
      <section aria-label="Личные данные">
        <h2>Личные данные</h2>
        <dl className="fields">
          <Field label="Дата рождения" path="child.birthDate" errors={errors}>
            {formatDate(child.birthDate)} ({formatAge(child.age)})
          </Field>
          <Field label="СНИЛС" path="child.snils" errors={errors}>
            {child.snils}
          </Field>
          <Field label="Адрес фактического проживания" path="child.actualAddress" errors={errors}>
            {child.actualAddress}
          </Field>
          <Field label="Адрес регистрации" path="child.registeredAddress" errors={errors}>
            {child.registeredAddress}
          </Field>
          <Field label="Банк данных СОП" path="child.bankStanding" errors={errors}>
            {child.bankStanding.inRegister ? 'состоит на учёте' : 'не состоит'}
          </Field>
        </dl>
        <h3>Семьи</h3>
        {child.families.length === 0 ? (
          <p>Семей в банке данных нет.</p>
        ) : (
          <ul>
            {child.families.map((f, fi) => (
              <li key={f.id}>
                {f.members.map((m, mi) => (
                  <span key={mi} className="member">
                    {caption(FAMILY_ROLE_CAPTIONS, m.role)}:{' '}
                    {errorAt(errors, `child.families.${fi}.members.${mi}.person.fullName`) ? (
                      <Withheld error={errorAt(errors, `child.families.${fi}.members.${mi}.person.fullName`)!} />
                    ) : (
                      `${m.person.fullName}, ${formatDate(m.person.birthDate)}`
                    )}
                    {'; '}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
        <h3>Дела КДН</h3>
        {errorAt(errors, 'child.cases') ? (
          <Withheld error={errorAt(errors, 'child.cases')!} />
        ) : child.cases.length === 0 ? (
          <p>Дел нет.</p>
        ) : (
          <ul>
            {child.cases.map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${encodeURIComponent(c.number)}`}>Дело {c.number}</Link> от {formatDate(c.receivedOn)}, {caption(CASE_STATE_CAPTIONS, c.state)}
              </li>
            ))}
          </ul>
        )}
        <h3>Согласия законных представителей</h3>
        {errorAt(errors, 'child.consents') ? (
          <Withheld error={errorAt(errors, 'child.consents')!} />
        ) : child.consents.length === 0 ? (
          <p>Согласий нет.</p>
        ) : (
          <ul>
            {child.consents.map((c) => (
              <li key={c.id}>
                {c.provision === 'DENY' ? 'Запрет' : 'Согласие'}: {captions(CATEGORY_CAPTIONS, c.categories)}; цели: {captions(PURPOSE_CAPTIONS, c.purposes)}; с {formatDate(c.validFrom)}
                {c.validTo ? ` по ${formatDate(c.validTo)}` : ''} ({caption(CONSENT_STATUS_CAPTIONS, c.status)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <Section agency="EDUCATION" path="child.education" errors={errors} present={!!child.education}>
        {child.education ? (
          <>
            {child.education.schoolStatus ? (
              <p>
                {child.education.schoolStatus.schoolName}, класс {child.education.schoolStatus.className ?? '—'}; пропусков без уважительной причины:{' '}
                {child.education.schoolStatus.unexcusedAbsences ?? '—'}
              </p>
            ) : null}
            <Signals rows={child.education.signals} zone={zone} />
            <Measures rows={child.education.measures} />
          </>
        ) : null}
      </Section>
      <Section agency="HEALTH" path="child.health" errors={errors} present={!!child.health}>
        {child.health ? (
          <>
            {child.health.status ? (
              <p>
                {child.health.status.clinicName}; группа здоровья {child.health.status.healthGroup ?? '—'}; последний осмотр {formatDate(child.health.status.lastCheckupOn)}
              </p>
            ) : null}
            <Signals rows={child.health.signals} zone={zone} />
            <Measures rows={child.health.measures} />
          </>
        ) : null}
      </Section>
      <Section agency="POLICE" path="child.police" errors={errors} present={!!child.police}>
        {child.police ? (
          <>
            <p>Учёт ПДН: {child.police.onJuvenileRegister ? 'состоит' : 'не состоит'}</p>
            <Signals rows={child.police.signals} zone={zone} />
            <Measures rows={child.police.measures} />
          </>
        ) : null}
      </Section>
      <Section agency="SOCIAL" path="child.social" errors={errors} present={!!child.social}>
        {child.social ? (
          <>
            <p>Трудная жизненная ситуация: {child.social.difficultSituations.some((d) => !d.endedOn) ? 'признана' : 'нет'}</p>
            <Signals rows={child.social.signals} zone={zone} />
            <Measures rows={child.social.measures} />
          </>
        ) : null}
      </Section>
      <Section agency="GUARDIANSHIP" path="child.guardianship" errors={errors} present={!!child.guardianship}>
        {child.guardianship ? (
          <>
            {child.guardianship.status ? <p>Статус: {child.guardianship.status.status}</p> : null}
            <Signals rows={child.guardianship.signals} zone={zone} />
            <Measures rows={child.guardianship.measures} />
          </>
        ) : null}
      </Section>
    </article>
  );
}
