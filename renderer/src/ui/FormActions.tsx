import { Alert, Button, Group, type MantineColor } from '@mantine/core';

/**
 * A form's or dialog's foot: why the last attempt failed (if it did), then "Hủy" (or another way
 * back) and the one action on the right. The action shows loading while it runs (`busy`) and
 * cannot be pressed twice.
 */
export function FormActions(props: {
  error?: string | null;
  errorTitle?: string;
  onCancel(): void;
  cancelLabel?: string;
  onSubmit(): unknown;
  /** The action's label, e.g. "Lưu", "Ghi nhận". */
  submitLabel: string;
  busy?: boolean;
  disabled?: boolean;
  color?: MantineColor;
}) {
  return (
    <>
      <ErrorAlert error={props.error} title={props.errorTitle} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {props.cancelLabel ?? 'Hủy'}
        </Button>
        <Button onClick={() => void props.onSubmit()} loading={props.busy} disabled={props.disabled} color={props.color}>
          {props.submitLabel}
        </Button>
      </Group>
    </>
  );
}

/** Why an action failed, in place; nothing when there is no error. */
export function ErrorAlert({ error, title }: { error: string | null | undefined; title?: string }) {
  if (!error) return null;
  return (
    // pre-line: a message may list several problems, one per line.
    <Alert color="red" role="alert" title={title} style={{ whiteSpace: 'pre-line' }}>
      {error}
    </Alert>
  );
}
