import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTaskIndexRows } from '../tasks/data/queries';
import { formatDateVi } from '@shared/calendar';
import { canAnswerUpward, upwardAddresseeLabels, upwardAnswerKindLabels, upwardAnswerKinds, upwardStatusLabel, upwardStatusOf, type UpwardAnswerKind } from '@shared/consultations';
import { navigate } from '../../shell/router';
import { currentDb, writeContext } from '../../state/app';
import { ErrorAlert } from '../../ui/FormActions';
import { notifySuccess } from '../../ui/notify';
import { useAction } from '../../ui/useAction';
import { formatDate } from '../../ui/format';
import { DeadlineBadge } from '../calendar/DeadlineBadge';
import { useCalendarConfig } from '../calendar/config';
import { useUnits } from '../registries/queries';
import { answerUpwardRequest } from './data/commands';
import { DetailHeader } from './DetailHeader';
import { useUpwardDetail } from './data/queries';
import { useScope } from './useScope';
import { useToday } from '../../ui/useToday';

export function UpwardDetail({ id }: { id: string }) {
  const detail = useUpwardDetail(id);
  const units = useUnits();
  const calendar = useCalendarConfig();
  const scope = useScope();
  const today = useToday();
  const [kind, setKind] = useState<UpwardAnswerKind>('decision');
  const [content, setContent] = useState('');
  const [answerRef, setAnswerRef] = useState('');
  const action = useAction();
  if (detail === null) return <Alert color="red">Không tìm thấy đề nghị.</Alert>;
  if (!detail || !units || !calendar || !scope) return <Loader />;
  const { r, answers } = detail;
  const name = (u: string) => units.find((x) => x.id === u)?.name ?? 'Đơn vị không còn trong danh mục';
  const status = upwardStatusOf(r, answers, today, calendar);
  const mayAnswer = status.kind === 'pending' && canAnswerUpward(scope.actor, scope.site, r).allowed;

  const answer = () =>
    action.run(async () => {
      const res = await answerUpwardRequest(currentDb(), writeContext(), scope.actor, { requestId: r.id, kind, content, answerRef });
      notifySuccess(res.late ? 'Đã ghi ý kiến trả lời (quá hạn).' : 'Đã ghi ý kiến trả lời.');
    });

  return (
    <Stack gap="sm" maw={960}>
      <DetailHeader subject={r.subject} status={status.kind === 'pending' ? <DeadlineBadge dueOn={r.dueOn} asOf={today} /> : <Badge color={status.kind === 'returned' ? 'orange' : 'green'} tt="none">{upwardStatusLabel(status)}</Badge>}>
        {name(r.fromUnitId)} trình {upwardAddresseeLabels[r.addressee]} ngày {formatDate(r.requestedOn)} · hạn trả lời {formatDateVi(r.dueOn)}
      </DetailHeader>
      <Paper withBorder p="sm">
        <Stack gap={4}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <b>Nội dung:</b> {r.content}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <b>Lý do vượt thẩm quyền của đơn vị:</b> {r.beyondAuthorityReason}
          </Text>
          {r.taskId && <LinkedTask taskId={r.taskId} />}
        </Stack>
      </Paper>
      {status.kind !== 'pending' && (
        <Paper withBorder p="sm">
          <Text size="sm" fw={600}>
            {upwardAnswerKindLabels[status.answer.kind]} — ngày {formatDate(status.answer.answeredOn)}
            {status.late ? ' (trả lời quá hạn)' : ''}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {status.answer.content}
          </Text>
          {status.answer.answerRef && (
            <Text size="xs" c="dimmed">
              {status.answer.answerRef}
            </Text>
          )}
        </Paper>
      )}
      {mayAnswer && (
        <Paper withBorder p="sm">
          <Stack gap="xs">
            <Title order={5}>Trả lời đề nghị</Title>
            <Radio.Group value={kind} onChange={(v) => setKind(v as UpwardAnswerKind)}>
              <Group>
                {upwardAnswerKinds.map((k) => (
                  <Radio key={k} value={k} label={upwardAnswerKindLabels[k]} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea label={kind === 'returned' ? 'Lý do trả lại (căn cứ thẩm quyền của đơn vị)' : 'Ý kiến quyết định'} autosize minRows={3} value={content} onChange={(e) => setContent(e.currentTarget.value)} />
            <TextInput label="Văn bản trả lời (nếu có)" value={answerRef} onChange={(e) => setAnswerRef(e.currentTarget.value)} />
            <ErrorAlert error={action.error} />
            <Group justify="flex-end">
              <Button onClick={() => void answer()} loading={action.busy}>
                Ghi trả lời
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** The task a request serves, as a link back to it. */
function LinkedTask({ taskId }: { taskId: string }) {
  const row = useTaskIndexRows()?.find((t) => t.id === taskId);
  return (
    <Text size="sm">
      <b>Nhiệm vụ liên quan:</b>{' '}
      <Anchor component="button" size="sm" onClick={() => navigate(`tasks/${taskId}`)}>
        {row?.title ?? 'Mở nhiệm vụ'}
      </Anchor>
    </Text>
  );
}
