import { useMemo, useState } from 'react';
import { Alert, Box, Button, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { renderLetterHtml } from '@shared/letters/html';
import { letterheadSchema, letterIssuer } from '@shared/letters/letterhead';
import { assembleLetter } from '@shared/letters/templates';
import { currentDb, writeContext } from '../../state/app';
import { todayVn } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { ErrorAlert } from '../../ui/FormActions';
import { currentActor, useIsAdmin } from '../registries/useActor';
import { LetterPreview } from './LetterPreview';
import { saveLetterhead, useLetterhead, type LetterheadState } from './settings';
import { LetterheadMissing } from './LetterheadMissing';
import { SigningSettings } from './Signing';
import { AgencySection, OfficesSection, PageSection, SignersSection, type LetterheadDraft } from './LetterheadSections';

export function LetterheadPage() {
  const head = useLetterhead();
  if (head === undefined) return <Loader />;
  if (head === null) return <LetterheadMissing />;
  return <LetterheadForm head={head} />;
}

function LetterheadForm({ head }: { head: LetterheadState }) {
  const isAdmin = useIsAdmin();
  const [form, setForm] = useState<LetterheadDraft>(() => {
    const { distribution, ...rest } = head.settings;
    return { ...rest, distributionText: distribution.join('\n') };
  });
  const saving = useAction();
  const set = (patch: Partial<LetterheadDraft>) => setForm((f) => ({ ...f, ...patch }));

  const input = useMemo(() => {
    const { distributionText, ...rest } = form;
    return {
      ...rest,
      distribution: distributionText
        .split(/\r?\n/)
        .map((l) => l.replace(/^\s*-\s*/, '').replace(/[;.]\s*$/, '').trim())
        .filter(Boolean),
    };
  }, [form]);
  const parsed = letterheadSchema.safeParse(input);

  const sampleHtml = useMemo(() => {
    if (!parsed.success || parsed.data.signers.length === 0) return null;
    try {
      const issuer = letterIssuer(parsed.data, head.org);
      const letter = assembleLetter('officialLetter', issuer, { number: 5, date: todayVn() }, {
        subject: 'Mẫu trình bày văn bản',
        recipients: ['Các phòng, ban, đơn vị'],
        blocks: [{ type: 'paragraph', text: 'Đây là bản mẫu để kiểm tra thể thức: tên cơ quan, số và ký hiệu, địa danh, người ký và nơi nhận theo cài đặt bên cạnh./.' }],
        distribution: ['Như trên'],
      });
      return renderLetterHtml(letter, { margins: parsed.data.margins });
    } catch {
      return null;
    }
  }, [parsed.success, parsed.data, head.org]);

  const save = () => saving.run(() => saveLetterhead(currentDb(), writeContext(), currentActor(), input), { success: 'Đã lưu thể thức văn bản.' });

  const sectionProps = { form, set, isAdmin };

  return (
    <Stack gap="sm" h="calc(100dvh - 52px - 2 * var(--mantine-spacing-md))">
      <Group justify="space-between">
        <Title order={3}>Thể thức văn bản</Title>
        {isAdmin && (
          <Button onClick={save} loading={saving.busy}>
            Lưu thể thức
          </Button>
        )}
      </Group>
      {!head.saved && (
        <Alert color="blue" py={6}>
          Các giá trị dưới đây lấy từ thông tin cơ quan khi thiết lập ban đầu. Kiểm tra, bổ sung người ký rồi bấm “Lưu thể thức”.
        </Alert>
      )}
      <ErrorAlert error={saving.error} />
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 7fr) minmax(0, 5fr)', gap: 16, flex: 1, minHeight: 0 }}>
        <Box mih={0} h="100%">
          <ScrollArea h="100%" offsetScrollbars>
            <Stack gap="sm">
              {isAdmin && (
                <Paper withBorder p="sm">
                  <Stack gap="xs">
                    <Text fw={600}>Ký số (thiết bị USB token trên máy này)</Text>
                    <SigningSettings />
                  </Stack>
                </Paper>
              )}
              <AgencySection {...sectionProps} />
              <OfficesSection {...sectionProps} />
              <SignersSection {...sectionProps} />
              <PageSection {...sectionProps} />
            </Stack>
          </ScrollArea>
        </Box>
        <Box mih={0} h="100%">
          <ScrollArea h="100%">
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                Bản mẫu
              </Text>
              {!parsed.success && (
                <Alert color="orange" py={6}>
                  {[...new Set(parsed.error.issues.map((i) => i.message))].join('; ')}
                </Alert>
              )}
              {sampleHtml ? (
                <LetterPreview html={sampleHtml} title="Bản mẫu thể thức" />
              ) : (
                parsed.success && (
                  <Text size="sm" c="dimmed">
                    Thêm ít nhất một người ký để xem bản mẫu.
                  </Text>
                )
              )}
            </Stack>
          </ScrollArea>
        </Box>
      </Box>
    </Stack>
  );
}
