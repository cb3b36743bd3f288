/**
 * The sections of the letterhead form (Thể thức văn bản): each edits one part of the draft
 * through `set`, and is read-only for anyone but an administrator.
 */
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { newId } from '@shared/data/ids';
import { MARGIN_RANGES_MM, type LetterMargins } from '@shared/letters/layout';
import type { Letterhead, LetterheadSigner } from '@shared/letters/letterhead';
import { signingAuthoritySchema, type SigningAuthority } from '@shared/letters/model';
import { useUnits } from '../registries/queries';

const AUTHORITY_OPTIONS = [{ value: '', label: 'Không' }, ...signingAuthoritySchema.options.map((a) => ({ value: a, label: `${a}.` }))];
const MARGIN_LABELS: Record<keyof LetterMargins, string> = { top: 'Lề trên', bottom: 'Lề dưới', left: 'Lề trái', right: 'Lề phải' };

/** The form's draft: the letterhead with the default distribution as one line per recipient. */
export interface LetterheadDraft extends Omit<Letterhead, 'distribution'> {
  distributionText: string;
}

export interface SectionProps {
  form: LetterheadDraft;
  set(patch: Partial<LetterheadDraft>): void;
  isAdmin: boolean;
}

/** Who issues: agency lines, place, the authority's symbol, the head's title, whose register numbers letters. */
export function AgencySection({ form, set, isAdmin }: SectionProps) {
  const units = useUnits();
  const unitOptions = (units ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600}>Cơ quan ban hành</Text>
        <Group grow align="flex-start">
          <Textarea label="Cơ quan chủ quản" description="Mỗi dòng in thành một dòng; để trống nếu không có." autosize minRows={2} value={form.parentAgency} onChange={(e) => set({ parentAgency: e.currentTarget.value })} disabled={!isAdmin} />
          <Textarea label="Cơ quan ban hành" description="Mỗi dòng in thành một dòng, chữ in hoa đậm." autosize minRows={2} value={form.issuingAgency} onChange={(e) => set({ issuingAgency: e.currentTarget.value })} disabled={!isAdmin} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Địa danh" value={form.place} onChange={(e) => set({ place: e.currentTarget.value })} disabled={!isAdmin} />
          <TextInput label="Ký hiệu cơ quan" description="Trong số, ký hiệu: 05/UBND-VP" value={form.authoritySymbol} onChange={(e) => set({ authoritySymbol: e.currentTarget.value.toLocaleUpperCase('vi-VN') })} disabled={!isAdmin} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Cách gọi người đứng đầu" description="Dùng trong câu giao trách nhiệm" value={form.chairName} onChange={(e) => set({ chairName: e.currentTarget.value })} disabled={!isAdmin} />
          <Select label="Sổ văn bản đi của" description="Đơn vị cấp số cho văn bản của máy này" data={unitOptions} value={form.issuerUnitId} onChange={(v) => v && set({ issuerUnitId: v })} allowDeselect={false} disabled={!isAdmin} />
        </Group>
      </Stack>
    </Paper>
  );
}

/** The drafting units (their symbols follow the authority's in a letter's number) and the default one. */
export function OfficesSection({ form, set, isAdmin }: SectionProps) {
  const setOffice = (i: number, patch: Partial<Letterhead['offices'][number]>) => {
    const old = form.offices[i];
    const offices = form.offices.map((o, j) => (j === i ? { ...o, ...patch } : o));
    set({ offices, defaultOfficeSymbol: form.defaultOfficeSymbol === old.symbol && patch.symbol !== undefined ? patch.symbol : form.defaultOfficeSymbol });
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Đơn vị soạn thảo</Text>
          {isAdmin && (
            <Button size="xs" variant="default" onClick={() => set({ offices: [...form.offices, { symbol: '', name: '' }] })}>
              Thêm đơn vị
            </Button>
          )}
        </Group>
        {form.offices.map((o, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={i === 0 ? 'Ký hiệu' : undefined} aria-label={`Ký hiệu đơn vị ${i + 1}`} w={110} value={o.symbol} onChange={(e) => setOffice(i, { symbol: e.currentTarget.value.toLocaleUpperCase('vi-VN') })} disabled={!isAdmin} />
            <TextInput label={i === 0 ? 'Tên đơn vị' : undefined} aria-label={`Tên đơn vị ${i + 1}`} style={{ flex: 1 }} value={o.name} onChange={(e) => setOffice(i, { name: e.currentTarget.value })} disabled={!isAdmin} />
            {isAdmin && form.offices.length > 1 && (
              <ActionIcon variant="subtle" color="gray" aria-label={`Bỏ đơn vị ${i + 1}`} mb={4} onClick={() => set({ offices: form.offices.filter((_, j) => j !== i) })}>
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <Select
          label="Đơn vị soạn thảo mặc định"
          data={form.offices.filter((o) => o.symbol).map((o) => ({ value: o.symbol, label: `${o.symbol} – ${o.name}` }))}
          value={form.defaultOfficeSymbol}
          onChange={(v) => v && set({ defaultOfficeSymbol: v })}
          allowDeselect={false}
          disabled={!isAdmin}
        />
      </Stack>
    </Paper>
  );
}

/** Who may sign, with their authority line (TM., KT., TL., …), and the default signer. */
export function SignersSection({ form, set, isAdmin }: SectionProps) {
  const setSigner = (i: number, patch: Partial<LetterheadSigner>) => set({ signers: form.signers.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const addSigner = () => {
    const id = newId();
    set({ signers: [...form.signers, { id, name: '', title: '', authority: 'TM', authorityLine: 'Ủy ban nhân dân', deputyFor: '' }], defaultSignerId: form.defaultSignerId || id });
  };
  const removeSigner = (i: number) => {
    const signers = form.signers.filter((_, j) => j !== i);
    set({ signers, defaultSignerId: signers.some((s) => s.id === form.defaultSignerId) ? form.defaultSignerId : (signers[0]?.id ?? '') });
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Người ký</Text>
          {isAdmin && (
            <Button size="xs" variant="default" onClick={addSigner}>
              Thêm người ký
            </Button>
          )}
        </Group>
        {form.signers.length === 0 && (
          <Text size="sm" c="dimmed">
            Chưa có người ký. Thêm Chủ tịch, các Phó Chủ tịch và người được ký thừa lệnh.
          </Text>
        )}
        {form.signers.map((s, i) => (
          <Paper key={s.id} withBorder p="xs" bg="gray.0">
            <Stack gap={6}>
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput label="Họ và tên" aria-label={`Họ và tên người ký ${i + 1}`} style={{ flex: 1 }} value={s.name} onChange={(e) => setSigner(i, { name: e.currentTarget.value })} disabled={!isAdmin} />
                <TextInput label="Chức vụ" aria-label={`Chức vụ người ký ${i + 1}`} style={{ flex: 1 }} value={s.title} onChange={(e) => setSigner(i, { title: e.currentTarget.value })} disabled={!isAdmin} />
                {isAdmin && (
                  <ActionIcon variant="subtle" color="gray" aria-label={`Bỏ người ký ${i + 1}`} mb={4} onClick={() => removeSigner(i)}>
                    ×
                  </ActionIcon>
                )}
              </Group>
              <Group gap="xs" align="flex-end" wrap="nowrap" pr={isAdmin ? 34 : 0}>
                <Select
                  label="Quyền hạn"
                  aria-label={`Quyền hạn người ký ${i + 1}`}
                  w={110}
                  data={AUTHORITY_OPTIONS}
                  value={s.authority ?? ''}
                  onChange={(v) => setSigner(i, { authority: (v || null) as SigningAuthority | null, ...(v === 'TM' ? {} : { deputyFor: '' }) })}
                  allowDeselect={false}
                  disabled={!isAdmin}
                />
                <TextInput label="Sau quyền hạn" aria-label={`Dòng quyền hạn người ký ${i + 1}`} style={{ flex: 1 }} value={s.authorityLine} onChange={(e) => setSigner(i, { authorityLine: e.currentTarget.value })} disabled={!isAdmin || !s.authority} />
                <TextInput label="Ký thay (dòng KT.)" aria-label={`Ký thay người ký ${i + 1}`} style={{ flex: 1 }} value={s.deputyFor} onChange={(e) => setSigner(i, { deputyFor: e.currentTarget.value })} disabled={!isAdmin || s.authority !== 'TM'} />
              </Group>
            </Stack>
          </Paper>
        ))}
        {form.signers.length > 0 && (
          <Select
            label="Người ký mặc định"
            data={form.signers.filter((s) => s.name.trim()).map((s) => ({ value: s.id, label: `${s.name} – ${s.title}` }))}
            value={form.defaultSignerId}
            onChange={(v) => v && set({ defaultSignerId: v })}
            allowDeselect={false}
            disabled={!isAdmin}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** Page margins, the drafter's initials, the number of copies and the default distribution. */
export function PageSection({ form, set, isAdmin }: SectionProps) {
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={600}>Trang giấy và nơi nhận</Text>
        <Group grow>
          {(Object.keys(MARGIN_LABELS) as (keyof LetterMargins)[]).map((k) => (
            <NumberInput
              key={k}
              label={`${MARGIN_LABELS[k]} (mm)`}
              description={`Từ ${MARGIN_RANGES_MM[k][0]} đến ${MARGIN_RANGES_MM[k][1]}`}
              min={MARGIN_RANGES_MM[k][0]}
              max={MARGIN_RANGES_MM[k][1]}
              clampBehavior="blur"
              decimalScale={1}
              value={form.margins[k]}
              onChange={(v) => set({ margins: { ...form.margins, [k]: typeof v === 'number' ? v : Number(v) || 0 } })}
              disabled={!isAdmin}
            />
          ))}
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Ký hiệu người soạn thảo" description="Chữ viết tắt, ví dụ LT" value={form.drafterInitials} onChange={(e) => set({ drafterInitials: e.currentTarget.value.toLocaleUpperCase('vi-VN') })} disabled={!isAdmin} />
          <NumberInput label="Số bản phát hành" description="Để trống nếu không ghi" min={1} max={100000} value={form.copies ?? ''} onChange={(v) => set({ copies: typeof v === 'number' ? v : null })} disabled={!isAdmin} />
        </Group>
        <Textarea
          label="Nơi nhận mặc định"
          description="Thêm vào mọi văn bản mới, sau các nơi được kính gửi; mỗi nơi một dòng."
          autosize
          minRows={2}
          value={form.distributionText}
          onChange={(e) => set({ distributionText: e.currentTarget.value })}
          disabled={!isAdmin}
        />
      </Stack>
    </Paper>
  );
}
