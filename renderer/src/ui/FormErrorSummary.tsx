import { useEffect, useRef } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { errorLines, type FormErrors } from '@shared/text/formErrors';

/**
 * Every problem of a form at once, at its top ("Chưa lưu được: 3 mục cần sửa"), each naming its
 * field; the same messages stand beside the fields. Nothing when there is no problem.
 */
export function FormErrorSummary({ errors, order, action }: { errors: FormErrors; order?: readonly string[]; action: string }) {
  const lines = errorLines(errors, order);
  const ref = useRef<HTMLDivElement>(null);
  const shown = lines.join('\n');
  // A long form is submitted from its bottom: bring the summary into view whenever it changes.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: 'start' });
  }, [shown]);
  if (lines.length === 0) return null;
  return (
    // scrollMarginTop: clear of the app's fixed header.
    <Alert ref={ref} style={{ scrollMarginTop: 64 }} color="red" role="alert" title={`${action}: ${lines.length} mục cần sửa`} py={8}>
      <Stack gap={2}>
        {lines.map((m) => (
          <Text key={m} size="sm">
            {m}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
