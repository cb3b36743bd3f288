import { Modal, Stack, Table, Text } from '@mantine/core';
import type { ImportReport } from './xlsxFlow';
import { ScrollTable } from '../../ui/TableParts';

/**
 * Shows every bad row of an import (nothing was imported), or, with `imported`, what was read
 * differently from the file's cells in an import that went ahead (a phone's restored 0, columns
 * found in another place).
 */
export function ImportErrorsModal({ report, onClose }: { report: ImportReport | null; onClose: () => void }) {
  const errors = report?.errors ?? null;
  const fileName = report?.fileName ?? '';
  const imported = report?.imported ?? false;
  return (
    <Modal opened={!!errors} onClose={onClose} title={imported ? 'Đã nhập — hãy kiểm tra các điểm sau' : 'Tệp có lỗi — chưa nhập dữ liệu nào'} size="lg">
      <Stack>
        <Text size="sm">
          {imported ? (
            <>
              Tệp <b>{fileName}</b> đã được nhập. Ứng dụng đã đọc {errors?.length ?? 0} điểm khác với cách tệp lưu; hãy kiểm tra lại trên màn hình.
            </>
          ) : (
            <>
              Tệp <b>{fileName}</b> có {errors?.length ?? 0} lỗi. Hãy sửa các dòng dưới đây rồi nhập lại; không có dữ liệu nào được ghi.
            </>
          )}
        </Text>
        <ScrollTable mah={400} columns={[{ label: 'Dòng', w: 80 }, 'Lý do']} striped withTableBorder>
          {errors?.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{e.row}</Table.Td>
              <Table.Td>{e.reason}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      </Stack>
    </Modal>
  );
}
