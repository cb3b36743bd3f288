/**
 * Screens other than the first are loaded when first opened: the code the app must compile
 * before the dashboard shows is then the shell and the dashboard alone (the reports' charts,
 * the letter editor and the sync screens are most of the rest).
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { errorMessage } from '../ui/notify';

export type PageComponent = ComponentType<{ subPath: string }>;

/** A page component loaded on first render from `load()`'s export `name`. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, PageComponent>>, name: K): PageComponent {
  return lazy<PageComponent>(() => load().then((m) => ({ default: m[name] })));
}

interface BoundaryState {
  error: Error | null;
}

/**
 * Shows a page's failure (its code could not be loaded, or it threw while rendering) in place of
 * the page, with a way out, instead of leaving the whole window blank.
 */
export class PageBoundary extends Component<{ children: ReactNode; resetKey: string }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    // The browser's own wording (often English) goes to the log; the screen says it in Vietnamese.
    console.error(error);
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    // Opening another screen clears the failure of the last one.
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Alert color="red" title="Không mở được màn hình này" maw={640}>
        <Stack gap="xs">
          <Text size="sm">{errorMessage(this.state.error)}</Text>
          <Text size="sm">Dữ liệu không bị ảnh hưởng. Hãy mở lại màn hình; nếu vẫn lỗi, hãy khởi động lại ứng dụng.</Text>
          <Button size="xs" variant="light" w="fit-content" onClick={() => window.location.reload()}>
            Tải lại ứng dụng
          </Button>
        </Stack>
      </Alert>
    );
  }
}

/** A page inside its boundary, with a spinner while its code loads. */
export function PageFrame({ children, resetKey }: { children: ReactNode; resetKey: string }) {
  return (
    <PageBoundary resetKey={resetKey}>
      <Suspense
        fallback={
          <Center h={200}>
            <Loader aria-label="Đang tải màn hình" />
          </Center>
        }
      >
        {children}
      </Suspense>
    </PageBoundary>
  );
}
