import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../../schema/scalars';

@ObjectType({ description: 'Поиск, выполненный запросом: что искали, по каким признакам и сколько найдено (значения признаков в журнал не пишутся)' })
export class AccessLogSearch {
  @Field({ description: 'Child или Family' })
  target: string;

  @Field(() => [String], { description: 'Названия признаков поиска (snils, name, birthDate, address, memberName)' })
  criteria: string[];

  @Field(() => Int, { description: 'Сколько найдено и показано' })
  results: number;
}

@ObjectType({ description: 'Запись журнала доступа' })
export class AccessLogEntry {
  @Field(() => Int, { description: 'Позиция в цепочке' })
  position: number;

  @Field(() => DateTime)
  at: Date;

  @Field({ description: 'Сервис (подграф)' })
  service: string;

  @Field()
  requestId: string;

  @Field({ description: 'Учётная запись (sub)' })
  sub: string;

  @Field()
  username: string;

  @Field(() => [String])
  roles: string[];

  @Field(() => String, { nullable: true })
  agency: string | null;

  @Field({ description: 'Клиент (azp)' })
  clientId: string;

  @Field(() => String, { nullable: true })
  operationName: string | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true })
  caseNumber: string | null;

  @Field(() => [String], { description: 'Категории данных, показанные в ответе' })
  categories: string[];

  @Field(() => [String], { description: 'Поля ответа (пути, без значений)' })
  fields: string[];

  @Field(() => [String], { description: 'Основания: согласие, закон, собственные сведения, экстренный доступ' })
  basis: string[];

  @Field(() => [String], { description: 'В чём отказано и почему' })
  denied: string[];

  @Field({ description: 'allowed, denied, partial или failed' })
  outcome: string;

  @Field()
  emergency: boolean;

  @Field(() => [AccessLogSearch], { description: 'Поиски ребёнка или семьи в этом запросе' })
  searches: AccessLogSearch[];
}

@InputType({ description: 'Отбор записей журнала' })
export class AccessLogFilter {
  @Field(() => ID, { nullable: true })
  childId?: string | null;

  @Field(() => ID, { nullable: true })
  familyId?: string | null;

  @Field(() => String, { nullable: true, description: 'sub или имя пользователя' })
  actor?: string | null;

  @Field(() => String, { nullable: true })
  agency?: string | null;

  @Field(() => DateTime, { nullable: true })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true })
  to?: Date | null;

  @Field(() => String, { nullable: true })
  outcome?: string | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;
}

@ObjectType({ description: 'Отчёт «кто смотрел данные моего ребёнка»' })
export class SubjectAccessReport {
  @Field(() => ID)
  childId: string;

  @Field(() => [AccessLogEntry])
  entries: AccessLogEntry[];

  @Field({
    description:
      'Тот же отчёт в CSV для родителя: UTF-8 с BOM, разделитель «;», заголовки и значения на русском (роли, ведомства, цели, основания), время местное (см. timeZone), ячейки с =, +, -, @ в начале обезврежены апострофом',
  })
  csv: string;

  @Field({ description: 'В каком времени напечатан CSV, например «владивостокское время, UTC+10»' })
  timeZone: string;
}

@ObjectType({ description: 'Экстренный доступ, ожидающий разбора аудитором' })
export class EmergencyAccessForReview {
  @Field()
  emergencyId: string;

  @Field(() => [AccessLogEntry], { description: 'Все обращения на этом основании' })
  entries: AccessLogEntry[];
}

@ObjectType({ description: 'Контрольная точка, которую проверка не подтвердила' })
export class AuditCheckpointFailure {
  @Field(() => Int, { description: 'Позиция контрольной точки' })
  position: number;

  @Field({ description: 'Когда точка подписана' })
  signedAt: string;

  @Field()
  keyId: string;

  @Field({ description: 'checkpoint_mismatch, checkpoint_missing или checkpoint_signature' })
  reason: string;

  @Field({ description: 'Хеш, который хаб подписал на этой позиции' })
  signedHash: string;

  @Field(() => String, { nullable: true, description: 'Хеш, который цепочка хранит на этой позиции сейчас (нет — позиции больше нет)' })
  foundHash: string | null;

  @Field(() => Int, { description: 'Последняя контрольная точка перед ней, до которой цепочка доходит (0 — нет такой): изменение — после этой позиции' })
  lastReachedPosition: number;
}

@ObjectType({ description: 'Результат проверки журнала: цепочка и все сохранённые подписанные контрольные точки' })
export class ChainVerification {
  @Field({ description: 'Цепочка цела и доходит до каждой контрольной точки, все подписи верны' })
  ok: boolean;

  @Field(() => Int, { description: 'Сколько записей цепочки проверено' })
  checked: number;

  @Field(() => Int, { nullable: true, description: 'Первая позиция, где цепочка нарушена; если сама цепочка цела — позиция первой неподтверждённой контрольной точки' })
  firstBadPosition: number | null;

  @Field(() => String, { nullable: true, description: 'Причина: gap, prev_hash, hash, not_json (цепочка) или checkpoint_mismatch, checkpoint_missing, checkpoint_signature (контрольная точка)' })
  reason: string | null;

  @Field(() => Int, { nullable: true })
  headPosition: number | null;

  @Field(() => String, { nullable: true })
  headHash: string | null;

  @Field(() => Int, { description: 'Сколько сохранённых контрольных точек проверено' })
  checkpointsChecked: number;

  @Field(() => Int, { description: 'Сколько из них с верной подписью (открытый ключ, с которым настроен сервис)' })
  checkpointsSignatureValid: number;

  @Field(() => Int, { description: 'Сколько контрольных точек не подтверждено: подпись неверна или цепочка до них не доходит' })
  checkpointFailures: number;

  @Field(() => AuditCheckpointFailure, { nullable: true, description: 'Первая (по позиции) неподтверждённая контрольная точка' })
  firstFailedCheckpoint: AuditCheckpointFailure | null;

  @Field({ description: 'Итог проверки словами' })
  summary: string;
}

@ObjectType({ description: 'Подписанная контрольная точка цепочки журнала' })
export class AuditCheckpoint {
  @Field(() => Int)
  position: number;

  @Field()
  hash: string;

  @Field()
  signedAt: string;

  @Field()
  keyId: string;

  @Field({ description: 'Подпись Ed25519 (base64url) строки hub-audit-checkpoint|keyId|position|hash|signedAt' })
  signature: string;
}
