import type { FormEvent, ReactNode } from 'react';
import { Center, Paper, Stack } from '@mantine/core';

/** The card of the sign-in and lock screens: a form alone in the middle of the window, sent by Enter. */
export function AuthCard({ onSubmit, children }: { onSubmit(): void; children: ReactNode }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Center h="100%" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        <form onSubmit={submit}>
          <Stack>{children}</Stack>
        </form>
      </Paper>
    </Center>
  );
}
