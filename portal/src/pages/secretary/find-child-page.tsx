import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { formatAge, formatDate } from '../../format/dates';
import { FIND_CHILD } from './secretary.operations';

/** Finding a child by name (a typo allowed), birth date, SNILS or address, within the commission's territory. */
export function FindChildPage() {
  const [form, setForm] = useState({ name: '', birthDate: '', snils: '' });
  const [query, setQuery] = useState<{ name?: string; birthDate?: string; snils?: string } | null>(null);
  const { data, errors, loading } = useQuery(FIND_CHILD, { query: query ?? {}, first: 20 }, { skip: !query });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = Object.fromEntries(
      Object.entries(form)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    setQuery(q);
  };
  const found = data?.searchChildren;
  return (
    <section aria-labelledby="find-title">
      <h1 id="find-title">Поиск ребёнка</h1>
      <form onSubmit={submit} className="search-form">
        <label htmlFor="find-name">ФИО или фамилия</label>
        <input id="find-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor="find-birth">Дата рождения</label>
        <input id="find-birth" type="date" value={form.birthDate} onChange={(e) => setForm({ ...form, birthDate: e.target.value })} />
        <label htmlFor="find-snils">СНИЛС</label>
        <input id="find-snils" value={form.snils} onChange={(e) => setForm({ ...form, snils: e.target.value })} placeholder="123-456-789 01" />
        <button type="submit">Найти</button>
      </form>
      <ErrorList errors={errors} />
      {query && loading ? <Loading what="поиск" /> : null}
      {found ? (
        found.children.length === 0 ? (
          <p role="status">Никого не найдено.</p>
        ) : (
          <>
            <ul className="results">
              {found.children.map((c) => (
                <li key={c.id}>
                  <Link to={`/children/${c.id}`}>{c.fullName}</Link>, {formatDate(c.birthDate)} ({formatAge(c.age)})
                </li>
              ))}
            </ul>
            {found.hasMore ? <p role="status">Найдено больше 20: уточните запрос.</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
