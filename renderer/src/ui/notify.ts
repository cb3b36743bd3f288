import { notifications } from '@mantine/notifications';
import { AppError } from '@shared/errors';

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.details?.length ? `${error.message} ${error.details.join('; ')}` : error.message;
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.';
}

export function notifyError(error: unknown, title = 'Không thực hiện được'): void {
  if (!(error instanceof AppError)) console.error(error);
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', title: 'Thành công', message, autoClose: 4000 });
}
