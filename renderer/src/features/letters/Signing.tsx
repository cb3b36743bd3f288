/**
 * Digital signing (ký số) on the letter screens: pick a certificate and sign at issue; the
 * administrator's token and image settings; checking a signed PDF. The token, the PIN and the
 * file bytes stay in main; these components only see names, dates and results.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, List, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { tsaUrlSchema, type CertificateInfo, type SignatureReport } from '@shared/ipc/channels/signing';
import type { ResponseOf } from '@shared/ipc/contract';
import { api } from '../../api';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';

export type CertificateRef = CertificateInfo['ref'];
type SigningConfig = ResponseOf<'signing:getConfig'>;

const NO_ORGANISATION = 'none';

const certLabel = (c: CertificateInfo) => `${c.subjectName} — ${c.issuerName}, hiệu lực đến ${formatDate(c.validTo.slice(0, 10))} (${c.tokenLabel})`;

/** Inside the issue dialog: the certificates on the plugged-in token and the "Ký số và phát hành" button. */
export function SignAndIssue(props: { busy: boolean; onSign(certificate: CertificateRef, organisationCertificate: CertificateRef | undefined): void }) {
  const [state, setState] = useState<{ certificates: CertificateInfo[]; problem: string | null } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  // The organisation's own certificate (the văn thư's token): it signs second, its seal image over the signature image.
  const [organisation, setOrganisation] = useState<string>(NO_ORGANISATION);

  useEffect(() => {
    let live = true;
    api()
      .call('signing:listCertificates', {})
      .then((r) => {
        if (!live) return;
        setState({ certificates: r.certificates, problem: r.certificates.length ? null : 'Không thấy chứng thư số nào trên thiết bị ký số. Cắm thiết bị ký số rồi mở lại hộp thoại này.' });
        if (r.certificates.length) setChosen('0');
      })
      .catch((e: unknown) => live && setState({ certificates: [], problem: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, []);

  if (state === null) return <Text size="sm" c="dimmed">Đang đọc thiết bị ký số…</Text>;
  if (state.problem) return <Text size="sm" c="dimmed">Ký số: {state.problem}</Text>;
  const index = chosen === null ? -1 : Number(chosen);
  return (
    <Stack gap="xs">
      <Select
        label="Chứng thư số để ký"
        data={state.certificates.map((c, i) => ({ value: String(i), label: certLabel(c) }))}
        value={chosen}
        onChange={setChosen}
        allowDeselect={false}
      />
      <Select
        label="Chứng thư số của cơ quan (đóng dấu)"
        description="Cơ quan ký số sau người ký; ảnh con dấu đặt trùm khoảng 1/3 ảnh chữ ký về bên trái."
        data={[
          { value: NO_ORGANISATION, label: 'Không ký số của cơ quan (ảnh con dấu in trong chữ ký của người ký)' },
          ...state.certificates.map((c, i) => ({ value: String(i), label: certLabel(c) })).filter((o) => o.value !== chosen),
        ]}
        value={organisation === chosen ? NO_ORGANISATION : organisation}
        onChange={(v) => setOrganisation(v ?? NO_ORGANISATION)}
        allowDeselect={false}
      />
      <Text size="xs" c="dimmed">
        Mã PIN được hỏi trong hộp thoại riêng của ứng dụng khi ký (mỗi chứng thư số một lần). Văn bản được lấy số, xuất PDF, ký số rồi mới vào sổ; nếu ký không thành công, văn bản vẫn là dự thảo. Khi có
        máy chủ cấp dấu thời gian trong Cài đặt ký số, chữ ký được gắn dấu thời gian; nếu không kết nối được máy chủ, ứng dụng hỏi phát hành ngay không có dấu thời gian hay không phát hành.
      </Text>
      <Group justify="flex-end">
        <Button
          color="blue.8"
          disabled={index < 0}
          loading={props.busy}
          onClick={() => index >= 0 && props.onSign(state.certificates[index].ref, organisation === NO_ORGANISATION || organisation === chosen ? undefined : state.certificates[Number(organisation)].ref)}
        >
          Ký số và phát hành
        </Button>
      </Group>
    </Stack>
  );
}

/** Administrator settings: the token's PKCS#11 library (once per computer), each signer's signature image, the seal image. */
export function SigningSettings() {
  const [config, setConfig] = useState<SigningConfig | null>(null);
  // Certificates on the tokens plugged in now: each holder's signature image is set against their certificate.
  const [certificates, setCertificates] = useState<CertificateInfo[] | null>(null);
  const reload = () => {
    api()
      .call('signing:getConfig', {})
      .then((c) => {
        setConfig(c);
        if (c.libraryPath)
          api()
            .call('signing:listCertificates', {})
            .then((r) => setCertificates(r.certificates))
            .catch(() => setCertificates([]));
      })
      .catch((e: unknown) => notifyError(e, 'Không đọc được cài đặt ký số'));
  };
  useEffect(reload, []);
  const act = (fn: () => Promise<void>, title: string) => () => void fn().then(reload).catch((e: unknown) => notifyError(e, title));
  if (!config) return null;
  return (
    <Stack gap="xs">
      <Text size="sm">
        Thư viện PKCS#11 của thiết bị ký số: <b>{config.libraryPath ?? 'chưa chọn'}</b>
      </Text>
      <Text size="xs" c="dimmed">
        Tệp thư viện do tổ chức cung cấp chứng thư số cài cùng phần mềm của thiết bị, thường là:
      </Text>
      <List size="xs" c="dimmed">
        {config.suggestions.map((s) => (
          <List.Item key={s.label}>
            {s.label}: {s.path}
          </List.Item>
        ))}
      </List>
      <Group gap="xs">
        <Button
          variant="light"
          onClick={act(async () => {
            const r = await api().call('signing:chooseLibrary', {});
            if (!r.canceled) notifySuccess(`Đã chọn thư viện; thấy ${r.certificates} chứng thư số trên thiết bị đang cắm.`);
          }, 'Không dùng được thư viện này')}
        >
          Chọn thư viện PKCS#11…
        </Button>
        <Button variant="default" onClick={act(async () => void (await api().call('signing:chooseImage', { which: 'seal' })), 'Không dùng được ảnh con dấu')}>
          {config.hasSealImage ? 'Đổi ảnh con dấu…' : 'Chọn ảnh con dấu…'}
        </Button>
      </Group>
      <TsaUrlSetting current={config.tsaUrl} onSaved={reload} />
      <Text size="sm" fw={500}>
        Ảnh chữ ký của từng người ký
      </Text>
      {certificates === null || certificates.length === 0 ? (
        <Text size="xs" c="dimmed">
          Cắm thiết bị ký số của người ký rồi mở lại trang này để chọn ảnh chữ ký cho chứng thư số của người đó.
        </Text>
      ) : (
        <Stack gap={4}>
          {certificates.map((c) => {
            const has = config.signerImageCerts.includes(c.ref.certSha256);
            return (
              <Group key={c.ref.certSha256} gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {certLabel(c)} — {has ? 'đã có ảnh chữ ký' : 'chưa có ảnh chữ ký'}
                </Text>
                <Button size="xs" variant="default" onClick={act(async () => void (await api().call('signing:chooseImage', { which: 'signer', certificate: c.ref })), 'Không dùng được ảnh chữ ký')}>
                  {has ? 'Đổi ảnh chữ ký…' : 'Chọn ảnh chữ ký…'}
                </Button>
              </Group>
            );
          })}
        </Stack>
      )}
      <Text size="xs" c="dimmed">
        Ảnh chữ ký: màu xanh, PNG nền trong suốt, chỉ dùng khi ký bằng chứng thư số của chính người đó; ảnh con dấu: màu đỏ, đúng kích thước, PNG nền trong suốt.
      </Text>
    </Stack>
  );
}

/** The timestamp authority's URL (PAdES B-T); empty: signatures are B-B. Checked with the same schema main applies. */
function TsaUrlSetting(props: { current: string | null; onSaved(): void }) {
  const [value, setValue] = useState(props.current ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const parsed = tsaUrlSchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Địa chỉ không hợp lệ.');
      return;
    }
    setError(null);
    void api()
      .call('signing:setTsaUrl', { tsaUrl: parsed.data })
      .then((r) => {
        setValue(r.tsaUrl ?? '');
        notifySuccess(r.tsaUrl ? `Chữ ký số sẽ được gắn dấu thời gian của ${r.tsaUrl}.` : 'Đã bỏ máy chủ cấp dấu thời gian; chữ ký số không có dấu thời gian (PAdES B-B).');
        props.onSaved();
      })
      .catch((e: unknown) => notifyError(e, 'Không lưu được địa chỉ máy chủ cấp dấu thời gian'));
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label="Máy chủ cấp dấu thời gian (TSA)"
        description="Địa chỉ do tổ chức cung cấp chứng thư số cho biết; để trống nếu không dùng (chữ ký số không có dấu thời gian, PAdES B-B)."
        placeholder="http://…"
        value={value}
        error={error}
        onChange={(e) => setValue(e.currentTarget.value)}
      />
      <Button variant="light" onClick={save} disabled={value.trim() === (props.current ?? '')}>
        Lưu địa chỉ
      </Button>
    </Group>
  );
}

/** "Kiểm tra chữ ký số": pick a PDF (signed here or received) and show signer, validity and integrity. */
export function VerifyPdfButton() {
  const [result, setResult] = useState<{ path: string; signatures: SignatureReport[] } | null>(null);
  const check = () =>
    void api()
      .call('signing:verifyPdf', {})
      .then((r) => !r.canceled && r.path && setResult({ path: r.path, signatures: r.signatures }))
      .catch((e: unknown) => notifyError(e, 'Không kiểm tra được tệp'));
  return (
    <>
      <Button variant="default" onClick={check}>
        Kiểm tra chữ ký số…
      </Button>
      <Modal opened={result !== null} onClose={() => setResult(null)} title="Kiểm tra chữ ký số" centered size="lg">
        {result && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {result.path}
            </Text>
            {result.signatures.length === 0 && <Alert color="yellow">Tệp này không có chữ ký số.</Alert>}
            {result.signatures.map((s, i) => (
              <Alert key={i} color={s.signatureValid && (s.coversWholeFile || s.followedBy.length > 0) && s.certValidAtSigning ? 'green' : 'red'} title={`Người ký: ${s.signerName}`}>
                <Text size="sm">{s.summary}</Text>
                <Text size="xs" c="dimmed">
                  Tổ chức cấp: {s.issuer}; số sê-ri {s.serialNumber}; thời gian ký {s.timestamp ? `theo máy tính người ký ${s.signingTime ?? 'không ghi'}` : (s.signingTime ?? 'không ghi')}.
                </Text>
              </Alert>
            ))}
          </Stack>
        )}
      </Modal>
    </>
  );
}
