/**
 * Registry writes. Each command validates with the shared schemas, checks authority, and
 * writes through the repository in one transaction.
 */
import { AppError } from '@shared/errors';
import { newId } from '@shared/data/ids';
import type { JsonValue } from '@shared/data/ops';
import { canChangeSettings, canEditOfficialPosts, canEditUnit, type Actor } from '@shared/authority';
import { unitInputSchema, wouldCreateCycle, type UnitInput } from '@shared/registries/units';
import { officialInputSchema, postInputSchema, type OfficialInput, type Post } from '@shared/registries/officials';
import { ORGANISATION_SETTINGS_ID, organisationSchema, type Organisation } from '@shared/registries/organisation';
import type { DondocDb } from '../../data/db';
import { withWrites, type WriteContext } from '../../data/repository';
import { loadOrganisation, loadPosts, loadUnits } from './queries';

function invalid(issues: { message: string }[]): AppError {
  return new AppError('invalid-input', issues.map((i) => i.message).join('; '));
}

async function siteScope(db: DondocDb) {
  const org = await loadOrganisation(db);
  if (!org) throw new AppError('invalid-input', 'Chưa thiết lập thông tin cơ quan.');
  return org;
}

function toJson<T extends object>(value: T): Record<string, JsonValue> {
  return JSON.parse(JSON.stringify(value)) as Record<string, JsonValue>;
}

export async function saveUnit(db: DondocDb, ctx: WriteContext, actor: Actor, id: string | null, input: UnitInput): Promise<string> {
  const parsed = unitInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const org = await siteScope(db);
  const decision = canEditUnit(actor, org);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const units = await loadUnits(db);
  const rowId = id ?? newId();
  if (wouldCreateCycle(units, rowId, parsed.data.parentId)) throw new AppError('invalid-input', 'Không thể đặt một đơn vị làm cấp dưới của chính nó.');
  const clash = units.find((u) => u.id !== rowId && u.shortName.toLowerCase() === parsed.data.shortName.toLowerCase());
  if (clash) throw new AppError('conflict', `Tên viết tắt "${parsed.data.shortName}" đã dùng cho ${clash.name}.`);
  await withWrites(db, ctx, ['units'], (w) => w.set('units', rowId, toJson(parsed.data), id ? 'Sửa đơn vị' : 'Thêm đơn vị', parsed.data.name));
  return rowId;
}

export async function importUnits(db: DondocDb, ctx: WriteContext, actor: Actor, units: (UnitInput & { id: string })[]): Promise<number> {
  const decision = canEditUnit(actor, await siteScope(db));
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  await withWrites(db, ctx, ['units'], async (w) => {
    for (const { id, ...u } of units) await w.set('units', id, toJson(u), 'Nhập đơn vị từ Excel', u.name);
  });
  return units.length;
}

export interface PostDraft {
  id: string | null;
  unitId: string;
  title: string;
  isHead: boolean;
  from: string;
  to: string | null;
}

export async function saveOfficial(db: DondocDb, ctx: WriteContext, actor: Actor, id: string | null, input: OfficialInput, posts: PostDraft[]): Promise<string> {
  const parsed = officialInputSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const officialId = id ?? newId();
  const checked = posts.map((p) => {
    const r = postInputSchema.safeParse({ ...p, officialId });
    if (!r.success) throw invalid(r.error.issues);
    return { id: p.id ?? newId(), data: r.data };
  });
  const units = await loadUnits(db);
  const org = await siteScope(db);
  const existingPosts = (await loadPosts(db)).filter((p) => p.officialId === officialId);
  const touched = [...checked.map((p) => p.data.unitId), ...existingPosts.map((p) => p.unitId)];
  const decision = canEditOfficialPosts(actor, org, units, touched);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  await withWrites(db, ctx, ['officials', 'posts'], async (w) => {
    await w.set('officials', officialId, toJson(parsed.data), id ? 'Sửa cán bộ' : 'Thêm cán bộ', parsed.data.fullName);
    for (const p of checked) await w.set('posts', p.id, toJson(p.data), 'Cập nhật chức vụ', `${parsed.data.fullName}: ${p.data.title}`);
    const kept = new Set(checked.map((p) => p.id));
    for (const old of existingPosts) {
      if (!kept.has(old.id)) await w.set('posts', old.id, { _deleted: 1 }, 'Bỏ chức vụ', `${parsed.data.fullName}: ${old.title}`);
    }
  });
  return officialId;
}

export async function importOfficials(
  db: DondocDb,
  ctx: WriteContext,
  actor: Actor,
  officials: { id: string; fullName: string; active: boolean; phone: string; email: string; posts: Omit<Post, 'officialId'>[] }[],
): Promise<number> {
  const units = await loadUnits(db);
  const org = await siteScope(db);
  const decision = canEditOfficialPosts(actor, org, units, officials.flatMap((o) => o.posts.map((p) => p.unitId)));
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  await withWrites(db, ctx, ['officials', 'posts'], async (w) => {
    for (const { id, posts, ...o } of officials) {
      await w.set('officials', id, toJson(o), 'Nhập cán bộ từ Excel', o.fullName);
      for (const { id: postId, ...p } of posts) await w.set('posts', postId, toJson({ ...p, officialId: id }), 'Nhập chức vụ từ Excel', `${o.fullName}: ${p.title}`);
    }
  });
  return officials.length;
}

export async function saveOrganisation(db: DondocDb, ctx: WriteContext, actor: Actor, org: Organisation): Promise<void> {
  const decision = canChangeSettings(actor);
  if (!decision.allowed) throw new AppError('not-authorised', decision.reason);
  const parsed = organisationSchema.safeParse(org);
  if (!parsed.success) throw invalid(parsed.error.issues);
  await withWrites(db, ctx, ['settings'], (w) => w.set('settings', ORGANISATION_SETTINGS_ID, toJson(parsed.data), 'Cập nhật thông tin cơ quan', parsed.data.authorityName));
}

export interface SetupInput {
  authorityName: string;
  parentName: string;
  placeName: string;
  authoritySymbol: string;
  siteRole: Organisation['siteRole'];
  /** The coordinating office's own unit; a unit office gets its units from the coordinator. */
  office: { name: string; shortName: string; symbol: string } | null;
  today: string;
}

/**
 * First run, one transaction. At the coordinating office: the authority as the root unit, this
 * office under it, and the organisation settings. At a unit's office: the organisation settings
 * only — the unit registry is the coordinator's (ARCHITECTURE.md, "Authority"), it arrives with the site
 * registry and the first package, and units written here would be refused at every import.
 */
export async function completeSetup(db: DondocDb, ctx: WriteContext, input: SetupInput): Promise<void> {
  if (await loadOrganisation(db)) throw new AppError('conflict', 'Ứng dụng đã được thiết lập.');
  const coordinator = input.siteRole === 'coordinator';
  if (coordinator && !input.office) throw new AppError('invalid-input', 'Nhập tên văn phòng điều phối.');
  const authorityId = coordinator ? newId() : '';
  const officeId = coordinator ? newId() : '';
  const units: [string, UnitInput][] = [];
  if (coordinator && input.office) {
    const common = { validFrom: input.today, validTo: null, fields: [] };
    units.push([authorityId, { ...common, name: input.authorityName, shortName: input.authoritySymbol, kind: 'leadership', symbol: input.authoritySymbol, parentId: null, order: 0 }]);
    units.push([officeId, { ...common, name: input.office.name, shortName: input.office.shortName, kind: 'office', symbol: input.office.symbol, parentId: authorityId, order: 1 }]);
  }
  for (const [, u] of units) {
    const r = unitInputSchema.safeParse(u);
    if (!r.success) throw invalid(r.error.issues);
  }
  const org: Organisation = {
    authorityName: input.authorityName,
    parentName: input.parentName,
    placeName: input.placeName,
    authoritySymbol: input.authoritySymbol,
    siteRole: input.siteRole,
    actsForUnitIds: coordinator ? [authorityId, officeId] : [],
    authorityUnitId: authorityId,
  };
  const parsed = organisationSchema.safeParse(org);
  if (!parsed.success) throw invalid(parsed.error.issues);
  await withWrites(db, ctx, ['units', 'settings'], async (w) => {
    for (const [id, u] of units) await w.set('units', id, toJson(u), 'Thiết lập ban đầu', u.name);
    await w.set('settings', ORGANISATION_SETTINGS_ID, toJson(parsed.data), 'Thiết lập ban đầu', parsed.data.authorityName);
  });
}
