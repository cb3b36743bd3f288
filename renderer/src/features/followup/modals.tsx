import { useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Loader, Modal, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { renderLetterHtml } from '@shared/letters/html';
import { formatLetterNumber } from '@shared/letters/model';
import { currentDb, useAppState, writeContext } from '../../state/app';
import { formatDate } from '../../ui/format';
import { FormActions } from '../../ui/FormActions';
import { errorMessage, notifyError, notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { issuerFor } from '../consultations/data/letters';
import { useIssuerContext } from '../consultations/data/queries';
import { SignerSelect, useSignerOptions, useSignerPick } from '../consultations/SignerSelect';
import { recordSavedPath } from '../letters/data/register';
import { letterFileStem } from '../letters/fileName';
import { openLetterEditor } from '../letters/open';
import { LetterPreview } from '../letters/LetterPreview';
import { useOfficials, useOrganisation, usePosts } from '../registries/queries';
import { batchPreview, draftUnitLetter, issueBatch, issueChairReport, issueUnitLetter, officeSigners, saveFollowUpDraft, type FollowUpCentre, type IssuedLetter } from './data';
import { saveLetterDocx, saveLetterDocxBatch } from '../letters/saveDocx';
import { ScrollTable } from '../../ui/TableParts';
import { issueThenSave } from './issueThenSave';

function useActor() {
  const role = useAppState((s) => s.session?.account.role ?? 'unitStaff');
  const unitId = useAppState((s) => s.session?.account.unitId ?? null);
  return useMemo(() => ({ role, unitId }), [role, unitId]);
}

function useSigner(today: string) {
  return useSignerPick(useSignerOptions(today));
}

async function saveOne(issued: IssuedLetter): Promise<string | null> {
  const r = await saveLetterDocx(issued.letter, `${letterFileStem(issued.letter)} ${issued.unitName}`);
  if (r.canceled || !r.path) return null;
  await recordSavedPath(currentDb(), writeContext(), issued.letterId, r.path);
  return r.path;
}

/**
 * Issues one letter and saves its .docx. Once issued it has its number in the register, so a
 * failed save is told as that (the letter can be saved again from the editor), never as a
 * failed issue, which would invite issuing it again under a new number.
 */
async function issueAndSaveOne(kind: 'công văn' | 'báo cáo', issue: () => Promise<IssuedLetter>): Promise<void> {
  const out = { label: '', path: null as string | null };
  const r = await issueThenSave(
    issue,
    (l) => {
      out.label = formatLetterNumber(l.number, l.letter.symbol).replace(/^Số: /, '');
    },
    async (l) => {
      out.path = await saveOne(l);
    },
  );
  if (r.failed === 'issue') throw r.error;
  if (r.failed === 'save') notifyError(r.error, `Đã phát hành ${kind} ${out.label} nhưng chưa lưu được tệp .docx`);
  else notifySuccess(out.path ? `Đã phát hành ${kind} ${out.label} và lưu tệp ${out.path}` : `Đã phát hành ${kind} ${out.label}; chưa lưu tệp .docx.`);
}

/** One unit's công văn đôn đốc: preview, then a draft for the editor or issue and save. */
export function UnitLetterModal({ centre, unitId, onClose }: { centre: FollowUpCentre; unitId: string; onClose(): void }) {
  const actor = useActor();
  const signer = useSigner(centre.asOf);
  const issuerCtx = useIssuerContext();
  const drafting = useAction({ failure: 'Không lưu được dự thảo' });
  const issuing = useAction({ failure: 'Không phát hành được' });
  const busy = drafting.busy || issuing.busy;

  const draft = useMemo(() => {
    if (!issuerCtx || !signer.choice) return null;
    try {
      const { issuer, officeKey } = issuerFor(issuerCtx, undefined, signer.choice);
      return { ok: true as const, d: draftUnitLetter(centre, unitId, issuer, officeKey) };
    } catch (e) {
      return { ok: false as const, message: errorMessage(e) };
    }
  }, [issuerCtx, signer.choice, centre, unitId]);
  const html = useMemo(() => (draft?.ok && issuerCtx ? renderLetterHtml(draft.d.letter, { margins: issuerCtx.letterhead.margins }) : null), [draft, issuerCtx]);

  const toEditor = () =>
    drafting.run(async () => {
      if (!draft?.ok) return;
      const id = await saveFollowUpDraft(currentDb(), writeContext(), draft.d);
      onClose();
      openLetterEditor(id);
    });

  const issue = () =>
    issuing.run(async () => {
      const choice = signer.choice;
      if (!choice) return;
      await issueAndSaveOne('công văn', () => issueUnitLetter(currentDb(), writeContext(), actor, choice, unitId, centre.asOf));
      onClose();
    });

  return (
    <Modal opened onClose={onClose} title={`Công văn đôn đốc: ${centre.unitName(unitId)}`} size="80rem" centered>
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)', gap: 16 }}>
        <Stack gap="sm">
          {signer.options === undefined ? <Loader size="sm" /> : <SignerSelect options={signer.options} pick={signer} />}
          {draft && !draft.ok && <Alert color="red">{draft.message}</Alert>}
          {draft?.ok && (
            <Text size="sm">
              Công văn liệt kê {draft.d.taskIds.length} nhiệm vụ ({draft.d.purpose === 'followUp2' ? 'đôn đốc lần 2' : 'đôn đốc lần 1'}). Phát hành sẽ lấy số tiếp theo trong sổ văn bản đi, ngày ban hành{' '}
              {formatDate(centre.asOf)}, và ghi bước đôn đốc vào từng nhiệm vụ.
            </Text>
          )}
          {draft?.ok && (
            <ScrollArea.Autosize mah="40vh">
              <Table aria-label="Nhiệm vụ trong công văn" fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {draft.d.letter.blocks.flatMap((b) => (b.type === 'table' ? b.rows : [])).map((r) => (
                    <Table.Tr key={r[0]}>
                      <Table.Td>{r[0]}</Table.Td>
                      <Table.Td>{r[1]}</Table.Td>
                      {/* A late acceptance's status says so (the assigner is the one late), not "quá hạn". */}
                      <Table.Td c={r[5]?.includes('quá thời hạn xác nhận') ? 'grape.8' : r[4] ? 'red.8' : 'orange.8'} style={{ whiteSpace: 'nowrap' }}>
                        {r[5]?.includes('quá thời hạn xác nhận') ? `Chậm xác nhận ${r[4]} ngày` : r[4] ? `Quá hạn ${r[4]} ngày` : 'Sắp đến hạn'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          )}
          <Group gap="xs">
            <Button variant="default" onClick={toEditor} disabled={!draft?.ok} loading={busy}>
              Lưu dự thảo và mở để sửa
            </Button>
            <Button color="red.8" onClick={issue} disabled={!draft?.ok} loading={busy}>
              Phát hành và lưu .docx
            </Button>
          </Group>
        </Stack>
        <ScrollArea h="70vh">{html ? <LetterPreview html={html} title="Xem trước công văn đôn đốc" /> : <Loader />}</ScrollArea>
      </Box>
    </Modal>
  );
}

/** One công văn per unit with overdue tasks, numbered consecutively, saved into one folder. */
export function BatchModal({ centre, onClose }: { centre: FollowUpCentre; onClose(): void }) {
  const actor = useActor();
  const signer = useSigner(centre.asOf);
  const preview = useMemo(() => batchPreview(centre), [centre]);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<IssuedLetter[] | null>(null);
  const [paths, setPaths] = useState<Map<string, string> | null>(null);

  const save = async (letters: IssuedLetter[]) => {
    const r = await saveLetterDocxBatch(letters.map((l) => ({ letter: l.letter, fileName: `${letterFileStem(l.letter)} ${l.unitName}` })));
    if (r.canceled) return;
    const map = new Map<string, string>();
    for (let i = 0; i < letters.length; i++) {
      map.set(letters[i].letterId, r.paths[i]);
      await recordSavedPath(currentDb(), writeContext(), letters[i].letterId, r.paths[i]);
    }
    setPaths(map);
    notifySuccess(`Đã lưu ${letters.length} tệp vào ${r.folder}`);
  };

  const issue = async () => {
    if (!signer.choice) return;
    const choice = signer.choice;
    setBusy(true);
    try {
      const r = await issueThenSave(() => issueBatch(currentDb(), writeContext(), actor, choice, centre.asOf), setIssued, save);
      if (r.failed) notifyError(r.error, r.failed === 'save' ? 'Không lưu được các tệp' : 'Không phát hành được');
    } finally {
      setBusy(false);
    }
  };

  const retrySave = async () => {
    if (!issued) return;
    setBusy(true);
    try {
      await save(issued);
    } catch (e) {
      notifyError(e, 'Không lưu được các tệp');
    } finally {
      setBusy(false);
    }
  };

  const numbers = issued && issued.length > 0 ? `${String(issued[0].number).padStart(2, '0')} đến ${String(issued[issued.length - 1].number).padStart(2, '0')}` : '';

  return (
    <Modal opened onClose={onClose} title="Đôn đốc hàng loạt" size="60rem" centered>
      {issued ? (
        <Stack gap="sm">
          <Alert color="green" title={`Đã phát hành ${issued.length} công văn đôn đốc`}>
            Số {numbers}/{issued[0]?.letter.symbol}, ngày {formatDate(centre.asOf)}. {paths ? 'Các tệp .docx đã được lưu.' : 'Chưa lưu tệp .docx: chọn thư mục để lưu.'}
          </Alert>
          <ScrollTable mah="55vh" columns={['Số', 'Đơn vị', 'Nhiệm vụ', 'Tệp']} striped aria-label="Công văn đã phát hành">
            {issued.map((l) => (
              <Table.Tr key={l.letterId}>
                <Table.Td>{formatLetterNumber(l.number, l.letter.symbol).replace(/^Số: /, '')}</Table.Td>
                <Table.Td>{l.unitName}</Table.Td>
                <Table.Td>{l.taskCount}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {paths?.get(l.letterId)?.split(/[\\/]/).pop() ?? 'Chưa lưu'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
          <Group justify="flex-end">
            {!paths && (
              <Button variant="default" onClick={retrySave} loading={busy}>
                Chọn thư mục và lưu
              </Button>
            )}
            <Button onClick={onClose}>Đóng</Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          {signer.options === undefined ? <Loader size="sm" /> : <SignerSelect options={signer.options} pick={signer} />}
          {preview.length === 0 ? (
            <Alert color="gray">Không có đơn vị nào có nhiệm vụ quá hạn cần đôn đốc hôm nay.</Alert>
          ) : (
            <>
              <Text size="sm">
                Mỗi đơn vị dưới đây nhận một công văn đôn đốc (kèm các nhiệm vụ sắp đến hạn), được cấp số liên tiếp trong sổ văn bản đi, ngày ban hành {formatDate(centre.asOf)}; sau đó chọn thư mục để lưu các
                tệp .docx.
              </Text>
              <ScrollTable mah="45vh" columns={['Đơn vị', 'Quá hạn', 'Chậm xác nhận', 'Tổng số nhiệm vụ trong công văn']} striped aria-label="Đơn vị sẽ nhận công văn">
                {preview.map((p) => (
                  <Table.Tr key={p.unitId}>
                    <Table.Td>{p.unitName}</Table.Td>
                    <Table.Td>{p.overdue}</Table.Td>
                    <Table.Td>{p.acceptanceLate}</Table.Td>
                    <Table.Td>{p.tasks}</Table.Td>
                  </Table.Tr>
                ))}
              </ScrollTable>
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Quay lại
            </Button>
            <Button color="red.8" onClick={issue} loading={busy} disabled={preview.length === 0 || !signer.choice}>
              Phát hành {preview.length} công văn
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The third rung: the office's báo cáo to the Chair listing tasks still overdue after two reminders. */
export function ChairReportModal({ centre, onClose }: { centre: FollowUpCentre; onClose(): void }) {
  const actor = useActor();
  const org = useOrganisation();
  const posts = usePosts();
  const officials = useOfficials();
  const signers = useMemo(() => (org && posts && officials ? officeSigners(org, posts, officials, centre.asOf) : undefined), [org, posts, officials, centre.asOf]);
  const [signerId, setSignerId] = useState<string | null>(null);
  const action = useAction({ failure: 'Không phát hành được' });
  const chosen = signers?.find((s) => s.postId === signerId) ?? signers?.[0] ?? null;

  const issue = () =>
    chosen &&
    action.run(async () => {
      await issueAndSaveOne('báo cáo', async () => ({ ...(await issueChairReport(currentDb(), writeContext(), actor, chosen.postId, centre.asOf)), unitName: 'Bao cao Chu tich' }));
      onClose();
    });

  return (
    <Modal opened onClose={onClose} title="Báo cáo Chủ tịch các nhiệm vụ đã đôn đốc hai lần" size="60rem" centered>
      <Stack gap="sm">
        {signers === undefined ? (
          <Loader size="sm" />
        ) : signers.length === 0 ? (
          <Alert color="yellow" title="Chưa có người ký">
            Thêm chức vụ của lãnh đạo văn phòng trong Danh mục → Cán bộ, công chức.
          </Alert>
        ) : (
          <Select label="Người ký (lãnh đạo văn phòng)" data={signers.map((s) => ({ value: s.postId, label: `${s.name} — ${s.title}` }))} value={chosen?.postId ?? null} onChange={setSignerId} allowDeselect={false} />
        )}
        <Text size="sm">Báo cáo của văn phòng gửi Chủ tịch, số trong sổ văn bản đi của văn phòng, liệt kê {centre.reportsDue.length} nhiệm vụ vẫn quá hạn sau hai lần đôn đốc:</Text>
        <ScrollTable mah="45vh" columns={['Nhiệm vụ', 'Đơn vị chủ trì', 'Quá hạn']} striped aria-label="Nhiệm vụ báo cáo Chủ tịch">
          {centre.reportsDue.map((e) => (
            <Table.Tr key={e.taskId}>
              <Table.Td>{e.title}</Table.Td>
              <Table.Td>{centre.unitName(e.leadUnitId)}</Table.Td>
              <Table.Td>{e.overdueDays} ngày</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
        <FormActions onCancel={onClose} cancelLabel="Quay lại" onSubmit={issue} busy={action.busy} disabled={!chosen} color="red.8" submitLabel="Phát hành báo cáo và lưu .docx" />
      </Stack>
    </Modal>
  );
}
