import { useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Fieldset,
  Box,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { renderLetterHtml } from '@shared/letters/html';
import { signatureOf } from '@shared/letters/letterhead';
import { formatLetterNumber, letterKinds, letterSignatureSchema, signingAuthoritySchema, urgencyStamps, type Letter, type SigningAuthority, type Urgency } from '@shared/letters/model';
import { api } from '../../api';
import { saveLetterDocx } from './saveDocx';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { formatDate, todayVn } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import type { BodySegment } from './bodyText';
import { issueLetter, issueLetterSigned, recordSavedPath, saveDraft } from './data/register';
import { SignAndIssue, type CertificateRef } from './Signing';
import { EDITOR_KINDS, checkForm, formFromLetter, formToInput, newForm, withKind, withOffice, type EditorForm } from './editorModel';
import { letterFileStem } from './fileName';
import { LetterPreview } from './LetterPreview';
import { letterEditorPath } from './open';
import { useLetter, type LetterRow } from './queries';
import { useLetterhead, type LetterheadState } from './settings';
import { LetterheadMissing } from './LetterheadMissing';
import { statusBadge } from './status';

const AUTHORITY_OPTIONS = [{ value: '', label: 'Không (ký tên mình)' }, ...signingAuthoritySchema.options.map((a) => ({ value: a, label: `${a}.` }))];
const URGENCY_OPTIONS = [{ value: '', label: 'Thường' }, ...(Object.keys(urgencyStamps) as Urgency[]).map((u) => ({ value: u, label: urgencyStamps[u].text.charAt(0) + urgencyStamps[u].text.slice(1).toLocaleLowerCase('vi-VN') }))];

export function LetterEditorPage({ subPath }: { subPath: string }) {
  const id = subPath.startsWith('edit/') ? subPath.slice('edit/'.length) : null;
  const head = useLetterhead();
  const live = useLetter(id);
  // useLiveQuery keeps the previous letter's row until the new query answers: never show it for another id.
  const stored = live === undefined || live === null ? live : id && live.id === id ? live : undefined;
  if (head === undefined || (id && stored === undefined)) return <Loader />;
  if (head === null) return <LetterheadMissing />;
  if (id && stored === null)
    return (
      <Alert color="red" title="Không tìm thấy văn bản">
        Văn bản này không còn trên máy. <Anchor href="#/letter-list">Về danh sách văn bản</Anchor>
      </Alert>
    );
  // A fresh editor per letter, so switching letters never carries edits across.
  return <Editor key={id ?? 'new'} head={head} stored={stored ?? null} />;
}

function Editor({ head, stored }: { head: LetterheadState; stored: LetterRow | null }) {
  const { settings, org } = head;
  const [form, setForm] = useState<EditorForm>(() => {
    if (!stored) return newForm('officialLetter', settings, org);
    const f = formFromLetter(stored.letter);
    // Re-link the signature to a configured signer when it is one of them.
    const same = settings.signers.find((s) => JSON.stringify(letterSignatureSchema.parse(signatureOf(s))) === JSON.stringify(stored.letter.signature));
    return same ? { ...f, signerId: same.id } : f;
  });
  const [letterId, setLetterId] = useState<string | null>(stored?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [confirmIssue, setConfirmIssue] = useState(false);
  const status = stored?.status ?? 'draft';
  const editable = status === 'draft';
  const previousBlocks = useMemo(() => stored?.letter.blocks ?? [], [stored]);

  const checked = useMemo(() => checkForm(form, previousBlocks), [form, previousBlocks]);
  // Issued letters show exactly what was issued (number and date included).
  const shown: Letter | null = !editable && stored ? stored.letter : checked.ok ? checked.letter : null;
  const html = useMemo(() => (shown ? renderLetterHtml(shown, { margins: settings.margins }) : null), [shown, settings.margins]);

  const set = (patch: Partial<EditorForm>) => setForm((f) => ({ ...f, ...patch }));
  const setSegment = (i: number, seg: BodySegment) => setForm((f) => ({ ...f, segments: f.segments.map((s, j) => (j === i ? seg : s)) }));
  const removeSegment = (i: number) => setForm((f) => ({ ...f, segments: f.segments.filter((_, j) => j !== i) }));
  const addHeading = () => setForm((f) => ({ ...f, segments: [...f.segments, { kind: 'heading', level: 1, text: '' }, { kind: 'text', text: '' }] }));

  const officeOptions = useMemo(() => {
    const opts = settings.offices.map((o) => ({ value: o.symbol, label: `${o.symbol} – ${o.name}` }));
    if (form.officeSymbol && !opts.some((o) => o.value === form.officeSymbol)) opts.push({ value: form.officeSymbol, label: form.officeSymbol });
    return opts;
  }, [settings.offices, form.officeSymbol]);
  const signerOptions = useMemo(() => {
    const opts = settings.signers.map((s) => ({ value: s.id, label: `${s.name} – ${s.authority ? `${s.authority}. ` : ''}${s.title}` }));
    if (form.signerId === null && form.signature.name) opts.unshift({ value: '', label: `${form.signature.name} (theo dự thảo)` });
    return opts;
  }, [settings.signers, form.signerId, form.signature.name]);
  const kindOptions = useMemo(() => {
    const kinds: string[] = [...EDITOR_KINDS];
    if (!kinds.includes(form.kind)) kinds.push(form.kind);
    return kinds.map((k) => ({ value: k, label: letterKinds[k as keyof typeof letterKinds].label }));
  }, [form.kind]);

  const officeKey = stored?.officeKey ?? settings.issuerUnitId;

  async function persist(): Promise<string | null> {
    if (!checked.ok) {
      notifyError(new Error(checked.problems.join('; ')), 'Dự thảo chưa hợp lệ');
      return null;
    }
    const saved = await saveDraft(currentDb(), writeContext(), { id: letterId, letter: formToInput(form, previousBlocks), officeKey, related: stored?.related });
    if (!letterId) {
      setLetterId(saved);
      // Same component instance: the route changes but the key only changes for other letters.
      navigate(letterEditorPath(saved));
    }
    return saved;
  }

  const run = async (fn: () => Promise<void>, title?: string) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notifyError(e, title);
    } finally {
      setBusy(false);
    }
  };

  const saveDraftClick = () =>
    run(async () => {
      if (await persist()) notifySuccess('Đã lưu dự thảo.');
    });

  const issue = () =>
    run(async () => {
      setConfirmIssue(false);
      const saved = await persist();
      if (!saved) return;
      const r = await issueLetter(currentDb(), writeContext(), saved, todayVn());
      notifySuccess(`Đã phát hành văn bản ${formatLetterNumber(r.number, r.letter.symbol)}.`);
    }, 'Không phát hành được');

  const issueSigned = (certificate: CertificateRef, organisationCertificate: CertificateRef | undefined) =>
    run(async () => {
      const saved = await persist();
      if (!saved) return;
      const r = await issueLetterSigned(currentDb(), writeContext(), saved, todayVn(), async (letter) => {
        const s = await api().call('signing:signLetterPdf', { letter, certificate, organisationCertificate, margins: settings.margins, suggestedName: letterFileStem(letter) });
        return s.canceled || !s.path || !s.certificate || !s.level ? null : { path: s.path, sha256: s.sha256, certificate: s.certificate, level: s.level };
      });
      if (!r) return;
      setConfirmIssue(false);
      const level = r.signed.level === 'B-T' ? 'chữ ký số có dấu thời gian (PAdES B-T)' : 'chữ ký số không có dấu thời gian (PAdES B-B)';
      notifySuccess(`Đã ký số và phát hành văn bản ${formatLetterNumber(r.number, r.letter.symbol)} với ${level}; tệp đã ký: ${r.signed.path}`);
    }, 'Không ký số được');

  const currentLetter = (): Letter | null => {
    if (!editable && stored) return stored.letter;
    if (!checked.ok) {
      notifyError(new Error(checked.problems.join('; ')), 'Văn bản chưa hợp lệ');
      return null;
    }
    return checked.letter;
  };

  const saveDocx = () =>
    run(async () => {
      const letter = currentLetter();
      if (!letter) return;
      const r = await saveLetterDocx(letter, letterFileStem(letter));
      if (r.canceled || !r.path) return;
      if (letterId) await recordSavedPath(currentDb(), writeContext(), letterId, r.path);
      notifySuccess(`Đã lưu tệp ${r.path}`);
    }, 'Không lưu được tệp');

  const openFile = () =>
    run(async () => {
      if (stored?.savedPath) await api().call('letters:open', { path: stored.savedPath });
    }, 'Không mở được tệp');

  const print = () =>
    run(async () => {
      const letter = currentLetter();
      if (letter) await api().call('print:letterHtml', { letter, margins: settings.margins });
    }, 'Không in được');

  const exportPdf = () =>
    run(async () => {
      const letter = currentLetter();
      if (!letter) return;
      const r = await api().call('print:letterPdf', { letter, margins: settings.margins, suggestedName: letterFileStem(letter) });
      if (!r.canceled && r.path) notifySuccess(`Đã xuất PDF: ${r.path}`);
    }, 'Không xuất được PDF');

  const year = todayVn().slice(0, 4);

  return (
    <Stack gap="sm" h="calc(100dvh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={3}>{stored ? (editable ? 'Sửa dự thảo' : 'Văn bản đã phát hành') : 'Soạn văn bản'}</Title>
          {statusBadge(status)}
          {stored && stored.number !== null && <Text fw={600}>{formatLetterNumber(stored.number, stored.letter.symbol)}</Text>}
          {stored?.letter.date && <Text c="dimmed">ngày {formatDate(stored.letter.date)}</Text>}
        </Group>
        <Group gap="xs" wrap="nowrap">
          {editable && (
            <>
              <Button variant="default" onClick={saveDraftClick} loading={busy}>
                Lưu dự thảo
              </Button>
              <Button color="red.8" onClick={() => (checked.ok ? setConfirmIssue(true) : notifyError(new Error(checked.problems.join('; ')), 'Văn bản chưa hợp lệ'))} disabled={busy}>
                Phát hành
              </Button>
            </>
          )}
          <Button variant="light" onClick={saveDocx} disabled={busy}>
            Lưu tệp .docx
          </Button>
          {stored?.savedPath && (
            <Button variant="subtle" onClick={openFile} disabled={busy} title={stored.savedPath}>
              Mở tệp
            </Button>
          )}
          <Button variant="subtle" onClick={print} disabled={busy}>
            In
          </Button>
          <Button variant="subtle" onClick={exportPdf} disabled={busy}>
            Xuất PDF
          </Button>
        </Group>
      </Group>
      {!head.saved && (
        <Alert color="yellow" py={6}>
          Thể thức văn bản đang theo thông tin cơ quan khi thiết lập ban đầu. Quản trị viên kiểm tra tại <Anchor href="#/letterhead">Cài đặt → Thể thức văn bản</Anchor>.
        </Alert>
      )}
      {status === 'cancelled' && (
        <Alert color="red" py={6}>
          Số văn bản này đã bị hủy. Xem lý do trong <Anchor href="#/letter-register">Sổ văn bản đi</Anchor>.
        </Alert>
      )}
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 16, flex: 1, minHeight: 0 }}>
        <Box mih={0} h="100%">
          <ScrollArea h="100%" offsetScrollbars>
            <Fieldset variant="unstyled" disabled={!editable || busy}>
              <Stack gap="sm">
                <SegmentedControl aria-label="Loại văn bản" data={kindOptions} value={form.kind} onChange={(v) => setForm((f) => withKind(f, v as EditorForm['kind']))} />
                <Group align="flex-start" wrap="nowrap" gap="sm">
                  <Select label="Đơn vị soạn thảo" style={{ flex: 2 }} data={officeOptions} value={form.officeSymbol} onChange={(v) => v && setForm((f) => withOffice(f, v))} allowDeselect={false} />
                  <TextInput label="Ký hiệu" style={{ flex: 1.2 }} value={form.symbol} onChange={(e) => set({ symbol: e.currentTarget.value.toLocaleUpperCase('vi-VN') })} />
                  <Select label="Độ khẩn" style={{ flex: 1 }} data={URGENCY_OPTIONS} value={form.urgency ?? ''} onChange={(v) => set({ urgency: (v || null) as Urgency | null })} allowDeselect={false} />
                </Group>
                <TextInput label={form.kind === 'officialLetter' ? 'Trích yếu (V/v)' : 'Trích yếu'} value={form.subject} onChange={(e) => set({ subject: e.currentTarget.value })} />
                <Textarea label="Kính gửi" description="Mỗi nơi nhận một dòng; để trống nếu văn bản không có phần kính gửi." autosize minRows={2} maxRows={6} value={form.recipients} onChange={(e) => set({ recipients: e.currentTarget.value })} />
                <Text size="sm" fw={500}>
                  Nội dung
                </Text>
                <Text size="xs" c="dimmed" mt={-8}>
                  Dòng trống để sang đoạn mới; dòng bắt đầu bằng “- ” là gạch đầu dòng.
                </Text>
                {form.segments.map((seg, i) => (
                  <SegmentEditor key={i} index={i} segment={seg} segments={form.segments} onChange={(s) => setSegment(i, s)} onRemove={() => removeSegment(i)} />
                ))}
                <Group>
                  <Button variant="default" size="xs" onClick={addHeading}>
                    Thêm đề mục
                  </Button>
                  <Button variant="default" size="xs" onClick={() => set({ segments: [...form.segments, { kind: 'text', text: '' }] })}>
                    Thêm phần nội dung
                  </Button>
                </Group>
                <SignatureEditor form={form} setForm={setForm} head={head} signerOptions={signerOptions} />
                <Textarea
                  label="Nơi nhận"
                  description="Mỗi nơi một dòng; dòng “Lưu: VT, …” được thêm tự động."
                  autosize
                  minRows={2}
                  maxRows={8}
                  value={form.distribution}
                  onChange={(e) => set({ distribution: e.currentTarget.value })}
                />
                <Group grow>
                  <TextInput label="Ký hiệu người soạn thảo" value={form.drafterInitials} onChange={(e) => set({ drafterInitials: e.currentTarget.value.toLocaleUpperCase('vi-VN') })} />
                  <NumberInput label="Số bản phát hành" min={1} max={100000} value={form.copies ?? ''} onChange={(v) => set({ copies: typeof v === 'number' ? v : null })} />
                </Group>
              </Stack>
            </Fieldset>
          </ScrollArea>
        </Box>
        <Box mih={0} h="100%">
          <ScrollArea h="100%">
            <Stack gap="xs">
              {!checked.ok && editable && (
                <Alert color="orange" py={6} title="Cần bổ sung trước khi lưu">
                  {checked.problems.join('; ')}
                </Alert>
              )}
              {html ? <LetterPreview html={html} title="Xem trước văn bản" /> : <Paper withBorder p="md"><Text c="dimmed">Bản xem trước hiện khi văn bản đủ thông tin.</Text></Paper>}
            </Stack>
          </ScrollArea>
        </Box>
      </Box>
      <Modal opened={confirmIssue} onClose={() => setConfirmIssue(false)} title="Phát hành văn bản" centered>
        <Stack>
          <Text size="sm">
            Văn bản sẽ được lấy số tiếp theo trong sổ văn bản đi năm {year} và ghi ngày ban hành hôm nay ({formatDate(todayVn())}). Sau khi phát hành, văn bản không sửa được nữa; nếu
            sai phải hủy số và ban hành văn bản khác.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmIssue(false)}>
              Quay lại
            </Button>
            <Button color="red.8" onClick={issue} loading={busy}>
              Phát hành và cấp số
            </Button>
          </Group>
          {confirmIssue && <SignAndIssue busy={busy} onSign={issueSigned} />}
        </Stack>
      </Modal>
    </Stack>
  );
}

function headingLabel(segments: readonly BodySegment[], index: number): string {
  let n = 0;
  for (let i = 0; i <= index; i++) if (segments[i].kind === 'heading') n += 1;
  return `Đề mục ${n}`;
}

function SegmentEditor(props: { index: number; segment: BodySegment; segments: readonly BodySegment[]; onChange(s: BodySegment): void; onRemove(): void }) {
  const { segment, onChange, onRemove } = props;
  const remove = (
    <ActionIcon variant="subtle" color="gray" aria-label="Bỏ phần này" onClick={onRemove} title="Bỏ phần này">
      ×
    </ActionIcon>
  );
  if (segment.kind === 'text')
    return (
      <Group align="flex-start" gap={4} wrap="nowrap">
        <Textarea aria-label={`Nội dung phần ${props.index + 1}`} autosize minRows={4} maxRows={18} style={{ flex: 1 }} value={segment.text} onChange={(e) => onChange({ ...segment, text: e.currentTarget.value })} />
        {props.segments.length > 1 && remove}
      </Group>
    );
  if (segment.kind === 'heading')
    return (
      <Group align="flex-end" gap={4} wrap="nowrap">
        <Select
          aria-label="Cấp đề mục"
          w={120}
          data={[
            { value: '1', label: 'I, II, …' },
            { value: '2', label: '1, 2, …' },
            { value: '3', label: 'a, b, …' },
          ]}
          value={String(segment.level)}
          onChange={(v) => v && onChange({ ...segment, level: Number(v) as 1 | 2 | 3 })}
          allowDeselect={false}
        />
        <TextInput aria-label={headingLabel(props.segments, props.index)} placeholder="Tên đề mục" style={{ flex: 1 }} fw={700} value={segment.text} onChange={(e) => onChange({ ...segment, text: e.currentTarget.value })} />
        {remove}
      </Group>
    );
  return (
    <Group align="center" gap={4} wrap="nowrap">
      <Paper withBorder p="xs" style={{ flex: 1 }} bg="gray.0">
        <Text size="sm">
          Bảng {segment.block.columns.length} cột ({segment.block.columns.map((c) => c.header).filter(Boolean).join(', ')}), {segment.block.rows.length} dòng — giữ nguyên như khi tạo.
        </Text>
      </Paper>
      {remove}
    </Group>
  );
}

function SignatureEditor(props: {
  form: EditorForm;
  setForm: (fn: (f: EditorForm) => EditorForm) => void;
  head: LetterheadState;
  signerOptions: { value: string; label: string }[];
}) {
  const { form, setForm, head } = props;
  const sig = form.signature;
  const setSig = (patch: Partial<EditorForm['signature']>) => setForm((f) => ({ ...f, signerId: f.signerId, signature: { ...f.signature, ...patch } }));
  const pickSigner = (id: string | null) => {
    const s = head.settings.signers.find((x) => x.id === id);
    if (s) setForm((f) => ({ ...f, signerId: s.id, signature: signatureOf(s) }));
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        {props.signerOptions.length === 0 ? (
          <Alert color="yellow" py={6}>
            Chưa khai báo người ký. Quản trị viên thêm tại <Anchor href="#/letterhead">Cài đặt → Thể thức văn bản</Anchor>, hoặc nhập trực tiếp bên dưới.
          </Alert>
        ) : (
          <Select label="Người ký" data={props.signerOptions} value={form.signerId ?? ''} onChange={pickSigner} allowDeselect={false} />
        )}
        <Group grow align="flex-start">
          <Select
            label="Quyền hạn ký"
            data={AUTHORITY_OPTIONS}
            value={sig.authority ?? ''}
            onChange={(v) => setSig({ authority: (v || null) as SigningAuthority | null, ...(v === 'TM' ? {} : { deputyFor: null }) })}
            allowDeselect={false}
          />
          <TextInput label="Sau quyền hạn" description="Ví dụ: Ủy ban nhân dân" value={sig.authorityLine ?? ''} onChange={(e) => setSig({ authorityLine: e.currentTarget.value })} disabled={!sig.authority} />
        </Group>
        {sig.authority === 'TM' && (
          <TextInput label="Ký thay (dòng KT.)" description="Khi cấp phó ký thay người đứng đầu, ví dụ: Chủ tịch" value={sig.deputyFor ?? ''} onChange={(e) => setSig({ deputyFor: e.currentTarget.value || null })} />
        )}
        <Group grow>
          <TextInput label="Chức vụ người ký" value={sig.title ?? ''} onChange={(e) => setSig({ title: e.currentTarget.value })} />
          <TextInput label="Họ và tên người ký" value={sig.name} onChange={(e) => setSig({ name: e.currentTarget.value })} />
        </Group>
      </Stack>
    </Paper>
  );
}
