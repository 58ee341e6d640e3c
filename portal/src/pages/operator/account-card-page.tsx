import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { saveFile } from '../../components/download-button';
import { ErrorList, Field, Loading } from '../../components/notices';
import { caption } from '../../format/captions';
import { formatDate, formatDateTime } from '../../format/dates';
import { timeZoneOf } from '../../format/time-zones';
import { HOUSING_CAPTIONS, INCOME_CAPTIONS, MEMBER_ROLE_CAPTIONS, PARENT_PROFILE_CAPTIONS, REGISTRATION_BODY_CAPTIONS, SOP_SITUATION_CAPTIONS } from './operator-captions';
import { ACCOUNT_CARD, ACCOUNT_CARD_DOCUMENT } from './operator.operations';

/** The printed card is asked only on the button: the file is the largest part of the answer and is not kept afterwards. */
function CardDownload({ familyId }: { familyId: string }) {
  const [asked, setAsked] = useState(false);
  const { data, errors, loading } = useQuery(ACCOUNT_CARD_DOCUMENT, { familyId }, { skip: !asked });
  const document = data?.family?.accountCard?.document;
  if (asked && document && !loading) {
    return (
      <div className="actions">
        <button type="button" onClick={() => saveFile(document.fileName, document.contentType, document.base64, 'base64')}>
          Сохранить файл {document.fileName}
        </button>
      </div>
    );
  }
  return (
    <div className="actions">
      <button type="button" onClick={() => setAsked(true)} disabled={asked && loading}>
        Учётная карта для печати (DOCX)
      </button>
      {asked && loading ? <Loading what="учётная карта" /> : null}
      <ErrorList errors={errors} />
    </div>
  );
}

/** The family's account card of the data bank (Mari El appendix 3, Myasnikovsky appendix 2). */
export function AccountCardPage() {
  const { id = '' } = useParams();
  const { data, errors, loading } = useQuery(ACCOUNT_CARD, { familyId: id });
  const family = data?.family;
  const card = family?.accountCard;
  if (loading) return <Loading what="учётная карта" />;
  const names = new Map((family?.members ?? []).map((m) => [m.person.id, m.person.fullName]));
  return (
    <section aria-labelledby="card-title">
      <h1 id="card-title">Учётная карта семьи</h1>
      <ErrorList errors={errors} shownPaths={['family.accountCard']} />
      {!family ? (
        errors.length === 0 ? (
          <p role="alert">Семья не найдена.</p>
        ) : null
      ) : (
        <>
          <CardDownload familyId={family.id} />
          <dl className="fields">
            <Field label="ОКТМО" path="family.municipality" errors={errors}>
              {family.municipality}
            </Field>
            <Field label="Адрес регистрации" path="family.registeredAddress" errors={errors}>
              {family.registeredAddress}
            </Field>
            <Field label="Адрес проживания" path="family.actualAddress" errors={errors}>
              {family.actualAddress}
            </Field>
          </dl>
          <table>
            <caption>Члены семьи</caption>
            <thead>
              <tr>
                <th scope="col">Ф.И.О.</th>
                <th scope="col">Дата рождения</th>
                <th scope="col">Кем приходится</th>
                <th scope="col">Место рождения</th>
                <th scope="col">Занятость</th>
                <th scope="col">Телефоны</th>
              </tr>
            </thead>
            <tbody>
              {family.members.map((m) => {
                const details = card?.members.find((d) => d.personId === m.person.id);
                return (
                  <tr key={m.person.id}>
                    <td>{m.person.fullName}</td>
                    <td>{formatDate(m.person.birthDate)}</td>
                    <td>{caption(MEMBER_ROLE_CAPTIONS, m.role)}</td>
                    <td>{details?.birthPlace ?? '—'}</td>
                    <td>{details?.occupation ?? '—'}</td>
                    <td>{details?.phones.join(', ') || '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {card ? (
            <>
              <h2>Сведения карты</h2>
              <dl className="fields">
                <Field label="Дата выявления" path="family.accountCard.detectedOn" errors={errors}>
                  {formatDate(card.detectedOn)}
                </Field>
                <Field label="Кем выявлено" path="family.accountCard.detectedBy" errors={errors}>
                  {card.detectedBy}
                </Field>
                <Field label="Признаки СОП" path="family.accountCard.sopSigns" errors={errors}>
                  {card.sopSigns}
                </Field>
                <Field label="Социально опасная ситуация" path="family.accountCard.sopSituations" errors={errors}>
                  {card.sopSituations.map((s) => caption(SOP_SITUATION_CAPTIONS, s)).join('; ') || '—'}
                </Field>
                <Field label="Характеристика родителей" path="family.accountCard.parentProfiles" errors={errors}>
                  {card.parentProfiles.map((p) => caption(PARENT_PROFILE_CAPTIONS, p)).join(', ') || '—'}
                </Field>
                <Field label="Жильё" path="family.accountCard.housing" errors={errors}>
                  {card.housing
                    ? [
                        caption(HOUSING_CAPTIONS, card.housing.kind),
                        card.housing.area ? `${card.housing.area} кв. м` : null,
                        card.housing.comfort === 'WITH_AMENITIES' ? 'благоустроенное' : card.housing.comfort ? 'не благоустроенное' : null,
                        card.housing.dilapidated ? 'ветхое' : null,
                        card.housing.otherDescription,
                      ]
                        .filter(Boolean)
                        .join(', ')
                    : '—'}
                </Field>
                <Field label="Доходы" path="family.accountCard.income" errors={errors}>
                  {card.income
                    ? Object.entries(card.income)
                        .filter(([k, v]) => k !== '__typename' && typeof v === 'number')
                        .map(([k, v]) => `${caption(INCOME_CAPTIONS, k)}: ${v} ₽`)
                        .join('; ') || '—'
                    : '—'}
                </Field>
                <Field label="Доход на члена семьи" path="family.accountCard.incomePerMember" errors={errors}>
                  {card.incomePerMember != null ? `${card.incomePerMember} ₽` : '—'}
                </Field>
                <Field label="Членов семьи / несовершеннолетних" path="family.accountCard.memberCount" errors={errors}>
                  {card.memberCount} / {card.minorCount}
                </Field>
                <Field label="Меры поддержки" path="family.accountCard.supportMeasures" errors={errors}>
                  {card.supportNotArranged ? 'не оформлены' : card.supportMeasures}
                </Field>
                <Field label="Дополнительно" path="family.accountCard.additionalInfo" errors={errors}>
                  {card.additionalInfo}
                </Field>
                <Field label="Карта заполнена" path="family.accountCard.updatedAt" errors={errors}>
                  {card.updatedAt ? formatDateTime(card.updatedAt, timeZoneOf(family.municipality)) : 'не заполнялась'}
                </Field>
              </dl>
              <table>
                <caption>Учёты</caption>
                <thead>
                  <tr>
                    <th scope="col">Орган</th>
                    <th scope="col">Кто</th>
                    <th scope="col">Поставлен</th>
                    <th scope="col">Основание</th>
                    <th scope="col">Снят</th>
                  </tr>
                </thead>
                <tbody>
                  {card.registrations.length === 0 ? (
                    <tr>
                      <td colSpan={5}>Учётов нет.</td>
                    </tr>
                  ) : (
                    card.registrations.map((r, i) => (
                      <tr key={i}>
                        <td>{caption(REGISTRATION_BODY_CAPTIONS, r.body)}</td>
                        <td>{r.personId ? (names.get(r.personId) ?? '—') : 'семья'}</td>
                        <td>{formatDate(r.registeredOn)}</td>
                        <td>{[r.protocol, r.reason].filter(Boolean).join(', ') || '—'}</td>
                        <td>{formatDate(r.removedOn)}</td>
                      </tr>
                    ))
                  )}
                </tbody>
              </table>
            </>
          ) : (
            <ErrorList errors={errors.filter((e) => e.path === 'family.accountCard')} />
          )}
        </>
      )}
    </section>
  );
}
