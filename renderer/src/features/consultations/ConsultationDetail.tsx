import { openAttachment } from '../tasks/components/Attachments';
import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateVi } from '@shared/calendar';
import { formatRegisterNumber } from '@shared/letters/register';
import {
  canActAsRequester,
  deemedAgreementDate,
  dossierKindLabels,
  effectiveDueOn,
  openDisagreements,
  positionLabel,
  positionsOf,
  onBehalfReplyUnits,
  readinessOf,
  replyableUnits,
  unitsDeemedAgreed,
  type UnitPosition,
} from '@shared/consultations';
import { currentDb, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { DeadlineBadge } from '../calendar/DeadlineBadge';
import { useCalendarConfig } from '../calendar/config';
import { useUnits } from '../registries/queries';
import { markReadyToSubmit } from './data/commands';
import { DetailHeader } from './DetailHeader';
import { useConsultationDetail, useConsultationSettings } from './data/queries';
import { NoticeModal, saveNoticeDocx } from './NoticeModal';
import { ReconcileModal } from './ReconcileModal';
import { ReplyModal } from './ReplyModal';
import { useSignerOptions } from './SignerSelect';
import { SummaryModal } from './SummaryModal';
import { useScope } from './useScope';
import { useToday } from '../../ui/useToday';
import { onBehalfLine } from '@shared/acting';
import { useOnBehalfContext } from '../acting/queries';
import { TableHead } from '../../ui/TableParts';

const POSITION_COLORS: Record<string, string> = { agree: 'green', agreeWithComments: 'teal', disagree: 'red' };

function PositionBadge({ p }: { p: UnitPosition }) {
  if (p.kind === 'pending') return <Badge color="gray" variant="light" tt="none">Chưa trả lời</Badge>;
  if (p.kind === 'deemedAgreed') return <Badge color="orange" tt="none">{positionLabel(p)}</Badge>;
  return <Badge color={POSITION_COLORS[p.position]} tt="none">{positionLabel(p)}</Badge>;
}

export function ConsultationDetail({ id }: { id: string }) {
  const detail = useConsultationDetail(id);
  const units = useUnits();
  const calendar = useCalendarConfig();
  const settings = useConsultationSettings();
  const scope = useScope();
  const today = useToday();
  const signers = useSignerOptions(today);
  const onBehalfCtx = useOnBehalfContext();
  const [replyOpen, setReplyOpen] = useState(false);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [reconcileUnit, setReconcileUnit] = useState<string | null>(null);
  const ready = useAction();
  const noticeFile = useAction({ failure: 'Không lưu được thông báo' });
  const name = useMemo(() => {
    const m = new Map((units ?? []).map((u) => [u.id, u.name]));
    return (u: string) => m.get(u) ?? 'Đơn vị không còn trong danh mục';
  }, [units]);

  if (detail === null) return <Alert color="red">Không tìm thấy phiếu lấy ý kiến.</Alert>;
  if (!detail || !units || !calendar || !settings || !scope || !signers) return <Loader />;
  const { c, replies, reconciliations, notice } = detail;
  const positions = positionsOf(c, replies, today, calendar);
  const due = effectiveDueOn(c, calendar);
  const mineToReply = replyableUnits(scope.actor, scope.site, c).filter((u) => !replies.some((r) => r.unitId === u));
  // Paper replies the coordinating office's clerk may type for units with no site of their own (nhập thay).
  const onBehalfToReply = onBehalfCtx ? onBehalfReplyUnits(scope.actor, scope.site, c, onBehalfCtx).filter((u) => !replies.some((r) => r.unitId === u)) : [];
  const isRequester = canActAsRequester(scope.actor, scope.site, { ...c, readyOn: null }, 'sendNotice').allowed;
  const deemed = unitsDeemedAgreed(c, replies, today, calendar);
  const open = openDisagreements(c, replies, reconciliations, today, calendar);
  const readiness = readinessOf(c, replies, reconciliations, today, name, calendar);
  const disagreements = positions.filter((p) => p.kind === 'replied' && p.position === 'disagree');
  const noticeIssued = notice && notice.status === 'issued';

  const markReady = () => ready.run(() => markReadyToSubmit(currentDb(), writeContext(), scope.actor, c.id), { success: 'Hồ sơ đã được đánh dấu sẵn sàng trình.' });
  const saveNotice = () => {
    const letterId = c.noticeLetterId;
    if (!notice || !letterId) return;
    void noticeFile.run(() => saveNoticeDocx(notice.letter, letterId, String(notice.number ?? '')));
  };

  return (
    <Stack gap="sm">
      <DetailHeader
        subject={c.subject}
        status={
          c.readyOn ? (
            <Badge color="teal" tt="none">Sẵn sàng trình từ {formatDate(c.readyOn)}</Badge>
          ) : today > due ? (
            <Badge color="gray" tt="none">Hết hạn lấy ý kiến</Badge>
          ) : (
            <DeadlineBadge dueOn={c.dueOn} asOf={today} />
          )
        }
      >
        {name(c.requesterUnitId)} lấy ý kiến ngày {formatDate(c.requestedOn)} · hạn trả lời {formatDateVi(due)}
      </DetailHeader>

      <Paper withBorder p="sm">
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
          <Text size="sm">
            <b>{dossierKindLabels[c.dossierKind]}:</b> {c.dossierTitle}
          </Text>
          <Text size="sm">
            <b>Lĩnh vực:</b> {c.field ?? 'Không ghi'}
          </Text>
          <Text size="sm">
            <b>Căn cứ:</b> {c.legalBasis}
          </Text>
          <Text size="sm">
            <b>Văn bản đề nghị:</b> {c.requestRef || 'Không ghi'}
          </Text>
          {c.content && (
            <Text size="sm" style={{ gridColumn: 'span 2' }}>
              <b>Nội dung xin ý kiến:</b> {c.content}
            </Text>
          )}
          {c.attachments.length > 0 && (
            <Group gap="xs" style={{ gridColumn: 'span 2' }}>
              <Text size="sm" fw={700}>
                Hồ sơ kèm theo:
              </Text>
              {c.attachments.map((a) => (
                <Anchor key={a.sha256} size="sm" component="button" onClick={() => void openAttachment(a)}>
                  {a.fileName}
                </Anchor>
              ))}
            </Group>
          )}
        </SimpleGrid>
      </Paper>

      <Group justify="space-between">
        <Title order={5}>Ý kiến của các đơn vị</Title>
        <Group gap="xs">
          {(mineToReply.length > 0 || onBehalfToReply.length > 0) && <Button onClick={() => setReplyOpen(true)}>Trả lời ý kiến</Button>}
          <Button variant="default" onClick={() => setSummaryOpen(true)}>
            Tổng hợp ý kiến (.docx)
          </Button>
        </Group>
      </Group>
      <Table withTableBorder striped aria-label="Ý kiến của các đơn vị" layout="fixed">
        <TableHead columns={[{ label: 'Đơn vị', w: 230 }, { label: 'Chính kiến', w: 200 }, { label: 'Ngày trả lời', w: 150 }, 'Nội dung']} />
        <Table.Tbody>
          {positions.map((p) => {
            const reply = p.kind === 'replied' ? p.reply : p.kind === 'deemedAgreed' ? p.lateReply : null;
            return (
              <Table.Tr key={p.unitId} data-unit={name(p.unitId)}>
                <Table.Td>{name(p.unitId)}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <PositionBadge p={p} />
                    {p.kind === 'deemedAgreed' && (
                      <Text size="xs" c="dimmed">
                        từ ngày {formatDateVi(p.deemedOn)}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {reply ? formatDate(reply.repliedOn) : p.kind === 'pending' ? <DeadlineBadge dueOn={c.dueOn} asOf={today} size="xs" /> : 'Không trả lời'}
                  {p.kind === 'deemedAgreed' && p.lateReply && (
                    <Badge ml={4} size="xs" color="red" variant="light" tt="none">
                      Trả lời muộn
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {reply ? (p.kind === 'deemedAgreed' ? `(${positionLabel({ kind: 'replied', unitId: p.unitId, position: reply.position, reply })}, gửi sau hạn) ` : '') + (reply.content || '—') : '—'}
                  </Text>
                  {reply?.replyRef && !reply.onBehalf && (
                    <Text size="xs" c="dimmed">
                      {reply.replyRef}
                    </Text>
                  )}
                  {reply?.onBehalf && (
                    <Text size="xs" c="orange.8" data-testid="on-behalf-note">
                      {onBehalfLine(reply.onBehalf)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>

      {isRequester && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={5}>Việc của đơn vị chủ trì</Title>
            <Group gap="xs" align="center">
              {noticeIssued ? (
                <>
                  <Text size="sm">
                    Đã ban hành thông báo số {formatRegisterNumber(notice.number ?? 0, notice.letter.symbol)} ngày {notice.letter.date ? formatDate(notice.letter.date) : ''}.
                  </Text>
                  <Button size="xs" variant="default" onClick={saveNotice} loading={noticeFile.busy}>
                    Lưu thông báo (.docx)
                  </Button>
                </>
              ) : deemed.length > 0 ? (
                <>
                  <Text size="sm">
                    {deemed.length} đơn vị không trả lời đúng hạn, được xác định là đồng ý từ ngày {formatDateVi(deemedAgreementDate(c, calendar))}.
                  </Text>
                  <Button size="xs" color="orange" onClick={() => setNoticeOpen(true)}>
                    Soạn thông báo được xác định là đồng ý
                  </Button>
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  Hết hạn trả lời ({formatDateVi(due)}), đơn vị nào chưa trả lời sẽ được xác định là đồng ý và có thể gửi thông báo.
                </Text>
              )}
            </Group>
            {disagreements.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  Ý kiến không đồng ý
                </Text>
                {disagreements.map((p) => {
                  const settled = reconciliations.find((r) => r.unitId === p.unitId);
                  return (
                    <Group key={p.unitId} gap="xs" wrap="nowrap" align="flex-start">
                      <Text size="sm" style={{ flex: 1 }}>
                        <b>{name(p.unitId)}</b>:{' '}
                        {settled
                          ? `đã thống nhất ngày ${formatDate(settled.meetingOn)} (${settled.participants}) — ${settled.outcome}`
                          : 'chưa thống nhất.'}
                      </Text>
                      {!settled && !c.readyOn && (
                        <Button size="xs" variant="light" onClick={() => setReconcileUnit(p.unitId)}>
                          Ghi kết quả thống nhất
                        </Button>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            )}
            {!c.readyOn && (
              <Group gap="xs">
                <Button size="sm" color="teal" variant={readiness.allowed ? 'filled' : 'light'} onClick={() => void markReady()} loading={ready.busy}>
                  Đánh dấu sẵn sàng trình
                </Button>
                {open.length > 0 && (
                  <Text size="xs" c="dimmed">
                    Còn {open.length} ý kiến không đồng ý cần thống nhất trước khi trình.
                  </Text>
                )}
              </Group>
            )}
            {ready.error && (
              <Alert color="red" role="alert" title="Chưa thể đánh dấu sẵn sàng trình" withCloseButton onClose={() => ready.setError(null)}>
                {ready.error}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}

      {replyOpen && <ReplyModal consultation={c} unitIds={mineToReply} onBehalfUnitIds={onBehalfToReply} unitName={name} today={today} calendar={calendar} settings={settings} onClose={() => setReplyOpen(false)} />}
      {noticeOpen && <NoticeModal consultationId={c.id} deemed={deemed.map(name)} signers={signers} onClose={() => setNoticeOpen(false)} />}
      {summaryOpen && <SummaryModal consultationId={c.id} today={today} signers={signers} onClose={() => setSummaryOpen(false)} />}
      {reconcileUnit && <ReconcileModal consultationId={c.id} unitId={reconcileUnit} unitName={name(reconcileUnit)} today={today} onClose={() => setReconcileUnit(null)} />}
    </Stack>
  );
}
