import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { ErrorList, Loading } from '../../components/notices';
import { caption } from '../../format/captions';
import { formatDate } from '../../format/dates';
import { MEMBER_ROLE_CAPTIONS } from './operator-captions';
import { DATA_BANK_REGISTER } from './operator.operations';
import { nextCursor, registerRow } from './register-rows';

const PAGE = 50;

/** The data bank's register of a territory: the families on it (or ever on it), each with its account card. */
export function RegisterPage() {
  const { organisation } = useSession();
  const territories = organisation?.territories ?? [];
  const [municipality, setMunicipality] = useState(territories[0] ?? '');
  const [currentOnly, setCurrentOnly] = useState(true);
  const [asked, setAsked] = useState<{ municipality: string; currentOnly: boolean } | null>(territories[0] ? { municipality: territories[0], currentOnly: true } : null);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const { data, errors, loading } = useQuery(
    DATA_BANK_REGISTER,
    { municipality: asked?.municipality ?? '', currentOnly: asked?.currentOnly ?? true, afterFamily: cursors[cursors.length - 1], first: PAGE },
    { skip: !asked },
  );
  const cards = data?.dataBankRegister ?? [];
  const rows = cards.map(registerRow);
  const next = nextCursor(cards, PAGE);
  const show = (event: FormEvent) => {
    event.preventDefault();
    setCursors([null]);
    setAsked({ municipality, currentOnly });
  };
  return (
    <section aria-labelledby="register-title">
      <h1 id="register-title">Банк данных СОП</h1>
      <form onSubmit={show} className="panel" aria-label="Территория">
        <label htmlFor="reg-municipality">Муниципальное образование (ОКТМО)</label>
        <select id="reg-municipality" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          {territories.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={currentOnly} onChange={(e) => setCurrentOnly(e.target.checked)} /> Только состоящие на учёте
        </label>
        <button type="submit">Показать</button>
      </form>
      <ErrorList errors={errors} />
      {!asked ? null : loading ? (
        <Loading what="банк данных" />
      ) : rows.length === 0 ? (
        <p role="status">Семей в банке данных нет.</p>
      ) : (
        <table>
          <caption>Семьи банка данных, ОКТМО {asked.municipality}</caption>
          <thead>
            <tr>
              <th scope="col">Дети</th>
              <th scope="col">Взрослые</th>
              <th scope="col">Адрес</th>
              <th scope="col">На учёте</th>
              <th scope="col">Карта</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.familyId}>
                <td>{r.children.map((c) => `${c.name} (${formatDate(c.birthDate)})`).join('; ') || '—'}</td>
                <td>{r.adults.map((a) => `${a.name}, ${caption(MEMBER_ROLE_CAPTIONS, a.role)}`).join('; ') || '—'}</td>
                <td>{r.address ?? '—'}</td>
                <td>
                  {r.includedOn ? `с ${formatDate(r.includedOn)}` : '—'}
                  {r.basis ? <small> ({r.basis})</small> : null}
                  {r.removedOn ? (
                    <div>
                      снята {formatDate(r.removedOn)}
                      {r.removalReason ? `: ${r.removalReason}` : ''}
                    </div>
                  ) : null}
                </td>
                <td>
                  <Link to={`/bank/families/${encodeURIComponent(r.familyId)}`} aria-label={`Учётная карта семьи: ${r.children.map((c) => c.name).join(', ') || r.familyId}`}>
                    Открыть
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Предыдущая страница
        </button>
        <button type="button" disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
          Следующая страница
        </button>
      </div>
    </section>
  );
}
