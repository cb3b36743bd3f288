import type { ReactNode } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { navigate } from '../../shell/router';

/** The head of a consultation's or an upward request's page: its subject, its status, who and when, and the way back to the list. */
export function DetailHeader({ subject, status, children }: { subject: string; status: ReactNode; children: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Title order={3}>{subject}</Title>
        <Group gap="xs">
          {status}
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        </Group>
      </Stack>
      <Button variant="default" onClick={() => navigate('consultations')}>
        Danh sách
      </Button>
    </Group>
  );
}
