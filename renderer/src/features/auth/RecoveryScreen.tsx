import { Alert, Button, Center, List, Paper, Stack, Text, Title } from '@mantine/core';

export type RecoveryReason = 'missing' | 'tampered' | 'database-without-accounts';

const WHY: Record<RecoveryReason, string> = {
  tampered:
    'Tệp tài khoản trên máy này đã bị sửa ngoài ứng dụng: dấu niêm phong của máy không khớp. Để an toàn, ứng dụng không dùng tệp đó và không cho đăng nhập.',
  missing: 'Tệp tài khoản trên máy này đã bị xóa hoặc di chuyển, trong khi máy đã từng có tài khoản.',
  'database-without-accounts': 'Máy này đang có dữ liệu của cơ quan nhưng không có tệp tài khoản.',
};

/**
 * Shown instead of "create the first administrator" when the accounts file is missing or was
 * edited by hand while the data is still here: a new administrator would take over existing
 * records, so the way back is to put the genuine accounts file back.
 */
export function RecoveryScreen({ reason, dataDir, onRetry }: { reason: RecoveryReason; dataDir: string; onRetry: () => void }) {
  return (
    <Center h="100%" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" maw={640}>
        <Stack>
          <Title order={3}>Cần khôi phục tài khoản</Title>
          <Alert color="red" title="Không mở được danh sách tài khoản">
            {WHY[reason]}
          </Alert>
          <Text size="sm">Dữ liệu công việc không bị thay đổi. Ứng dụng không tạo quản trị viên mới trên dữ liệu cũ, vì như vậy bất kỳ ai ngồi trước máy cũng có thể chiếm quyền.</Text>
          <Text size="sm" fw={600}>
            Cách khôi phục:
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>
              Đóng ứng dụng, chép lại tệp <b>accounts.json</b> (cùng tệp <b>seal-key.json</b>) từ bản lưu thư mục dữ liệu vào thư mục: <Text span ff="monospace">{dataDir}</Text>
            </List.Item>
            <List.Item>Nếu không có bản lưu thư mục dữ liệu, liên hệ quản trị viên hoặc bộ phận kỹ thuật: họ cài lại ứng dụng trên máy mới rồi khôi phục dữ liệu từ bản sao lưu (tệp .ddbak) bằng tài khoản quản trị.</List.Item>
            <List.Item>Sau khi chép lại tệp, bấm "Kiểm tra lại".</List.Item>
          </List>
          <Button onClick={onRetry} variant="light">
            Kiểm tra lại
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
