/**
 * The demo directives: about one for every four tasks, issued by the province (mostly) or a
 * commune over the years of history, numbered per issuer and year, with realistic subjects.
 */
import { addDays } from '../calendar';
import type { Directive, DirectiveKind } from '../tasks/model';
import type { Rng } from './prng';
import type { DemoContext } from './context';
import type { Authority, DemoOrganisation } from './organisation';
import { TOPICS } from './vocabulary';

export interface DemoDirectives {
  /** In order of issue. */
  directives: Directive[];
  topicOf: Map<string, string>;
  authorityOf: Map<string, Authority>;
}

const KIND_WEIGHTS: [DirectiveKind, number][] = [
  ['officialLetter', 40],
  ['plan', 20],
  ['notice', 15],
  ['decision', 10],
  ['instruction', 5],
  ['dispatch', 5],
  ['resolution', 5],
];

const KIND_SYMBOL: Record<DirectiveKind, string> = {
  officialLetter: 'UBND-VP',
  plan: 'KH-UBND',
  notice: 'TB-UBND',
  decision: 'QĐ-UBND',
  instruction: 'CT-UBND',
  dispatch: 'CĐ-UBND',
  resolution: 'NQ-HĐND',
  report: 'BC-UBND',
  other: 'UBND',
};

function subjectOf(rng: Rng, kind: DirectiveKind, topic: string, year: number, auth: Authority): string {
  switch (kind) {
    case 'plan':
      return `Kế hoạch thực hiện công tác ${topic} năm ${year}`;
    case 'notice':
      return `Thông báo kết luận của Chủ tịch ${auth.name} tại cuộc họp về ${topic}`;
    case 'decision':
      return `Quyết định giao chỉ tiêu, nhiệm vụ về ${topic} năm ${year}`;
    case 'instruction':
      return `Chỉ thị về tăng cường công tác ${topic}`;
    case 'dispatch':
      return `Công điện về việc tập trung chỉ đạo ${topic}`;
    case 'resolution':
      return `Nghị quyết về nhiệm vụ ${topic} năm ${year}`;
    default:
      return `V/v ${rng.pick(['triển khai thực hiện', 'tăng cường', 'đẩy mạnh', 'chấn chỉnh, nâng cao hiệu quả'])} ${topic}`;
  }
}

export function generateDirectives(ctx: DemoContext, org: DemoOrganisation): DemoDirectives {
  const { rng, id, opts } = ctx;
  const directives: Directive[] = [];
  const numbering = new Map<string, number>();
  const topicOf = new Map<string, string>();
  const authorityOf = new Map<string, Authority>();
  const nameOf = new Map(org.officials.map((o) => [o.id, o.fullName]));
  const directiveCount = Math.max(1, Math.round(opts.tasks / 4));
  for (let i = 0; i < directiveCount; i++) {
    const auth = rng.chance(0.72) ? org.province : rng.pick(org.communeAuthorities);
    const kind = rng.weighted(KIND_WEIGHTS);
    const issuedOn = ctx.randomWorkday(ctx.historyStart, addDays(opts.today, -1));
    const year = Number(issuedOn.slice(0, 4));
    const key = `${auth.unitId}/${year}`;
    const n = (numbering.get(key) ?? 0) + 1;
    numbering.set(key, n);
    const topic = rng.pick(TOPICS);
    const did = id();
    directives.push({
      id: did,
      kind,
      number: String(n * (auth.level === 'province' ? 7 : 2) + rng.int(0, 5)),
      symbol: KIND_SYMBOL[kind],
      issuedOn,
      issuerName: kind === 'resolution' ? (auth.level === 'province' ? 'HĐND tỉnh Cao Bằng' : `HĐND ${auth.name.slice(5)}`) : auth.name,
      issuerUnitId: auth.unitId,
      subject: subjectOf(rng, kind, topic, year, auth),
      signerName: nameOf.get(auth.leaders[rng.int(0, auth.leaders.length - 1)]) ?? '',
      receivedOn: null,
      attachments: [],
    });
    topicOf.set(did, topic);
    authorityOf.set(did, auth);
  }
  directives.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  return { directives, topicOf, authorityOf };
}
