/** The words demo data is made of: units, places, people's names, topics and report texts. */
import type { Rng } from './prng';

export const DEPARTMENTS: [string, string, string][] = [
  ['Sở Nội vụ', 'SNV', 'Sở NV'],
  ['Sở Tài chính', 'STC', 'Sở TC'],
  ['Sở Tư pháp', 'STP', 'Sở TP'],
  ['Sở Xây dựng', 'SXD', 'Sở XD'],
  ['Sở Nông nghiệp và Môi trường', 'SNNMT', 'Sở NN&MT'],
  ['Sở Khoa học và Công nghệ', 'SKHCN', 'Sở KH&CN'],
  ['Sở Giáo dục và Đào tạo', 'SGDĐT', 'Sở GD&ĐT'],
  ['Sở Y tế', 'SYT', 'Sở YT'],
  ['Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL', 'Sở VHTT&DL'],
  ['Sở Công Thương', 'SCT', 'Sở CT'],
  ['Sở Dân tộc và Tôn giáo', 'SDTTG', 'Sở DT&TG'],
  ['Thanh tra tỉnh', 'TTR', 'Thanh tra'],
  ['Ban Quản lý Khu kinh tế tỉnh', 'BQLKKT', 'BQL KKT'],
];

export const COMMUNES: [string, boolean][] = [
  ['Thục Phán', true],
  ['Nùng Trí Cao', true],
  ['Tân Giang', true],
  ['Hòa An', false],
  ['Nguyễn Huệ', false],
  ['Bạch Đằng', false],
  ['Nam Tuấn', false],
  ['Trùng Khánh', false],
  ['Đàm Thủy', false],
  ['Quảng Uyên', false],
  ['Hạ Lang', false],
  ['Thạch An', false],
  ['Đông Khê', false],
  ['Nguyên Bình', false],
  ['Tĩnh Túc', false],
  ['Bảo Lạc', false],
  ['Bảo Lâm', false],
  ['Hà Quảng', false],
  ['Trà Lĩnh', false],
  ['Thông Nông', false],
  ['Phục Hòa', false],
  ['Hòa Thuận', false],
  ['Minh Khai', false],
  ['Canh Tân', false],
  ['Xuân Trường', false],
  ['Lý Bôn', false],
  ['Quang Trung', false],
  ['Đức Long', false],
  ['Minh Tâm', false],
  ['Kim Đồng', false],
];

export const VILLAGE_NAMES = ['Nà Rụa', 'Pác Bó', 'Nà Mò', 'Bản Giới', 'Nà Lẹng', 'Khuổi Khon', 'Cốc Lùng', 'Lũng Rẩu', 'Nà Vài', 'Bó Mạ', 'Pò Tấu', 'Nặm Trà', 'Phja Đén', 'Kéo Cà', 'Bản Chang'];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Hoàng', 'Nông', 'Đàm', 'Lương', 'Bế', 'Hà', 'Lục', 'Vi', 'Đinh', 'Phạm', 'Triệu', 'Lăng', 'Mạc', 'Ngôn', 'Hứa'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Thanh', 'Xuân', 'Ngọc'];
const MIDDLE_F = ['Thị', 'Thu', 'Hồng', 'Thanh', 'Minh', 'Ngọc', 'Kim'];
const GIVEN_M = ['Hùng', 'Tuấn', 'Dũng', 'Sơn', 'Hải', 'Cường', 'Thắng', 'Long', 'Phúc', 'Trung', 'Khánh', 'Quý', 'Bình', 'Đông', 'Tiến'];
const GIVEN_F = ['Lan', 'Hoa', 'Hương', 'Thảo', 'Phương', 'Hằng', 'Nga', 'Yến', 'Mai', 'Liên', 'Huyền', 'Duyên', 'Oanh', 'Chi'];

export const TOPICS = [
  'chuyển đổi số',
  'cải cách hành chính',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'xóa nhà tạm, nhà dột nát',
  'giải ngân vốn đầu tư công',
  'Đề án 06 về phát triển ứng dụng dữ liệu dân cư',
  'giảm nghèo bền vững',
  'xây dựng nông thôn mới',
  'phòng cháy, chữa cháy',
  'bảo đảm trật tự an toàn giao thông',
  'quản lý đất đai',
  'bảo vệ môi trường',
  'phát triển du lịch cộng đồng',
  'phòng, chống dịch bệnh',
  'tuyển sinh đầu cấp',
  'thu ngân sách nhà nước',
  'kỷ luật, kỷ cương hành chính',
  'tiếp công dân, giải quyết khiếu nại, tố cáo',
  'an toàn thực phẩm',
  'chấn chỉnh tình trạng đùn đẩy, né tránh trách nhiệm',
  'bảo hiểm xã hội, bảo hiểm y tế toàn dân',
  'quản lý, bảo vệ rừng',
];

export const TASK_VERBS = [
  'Xây dựng kế hoạch triển khai',
  'Báo cáo kết quả thực hiện',
  'Rà soát, tổng hợp số liệu về',
  'Tham mưu văn bản chỉ đạo về',
  'Kiểm tra, đôn đốc việc thực hiện',
  'Tổ chức tuyên truyền về',
  'Hướng dẫn các đơn vị triển khai',
  'Đề xuất giải pháp tháo gỡ vướng mắc trong',
  'Đánh giá tình hình',
  'Xây dựng dự thảo quy chế phối hợp về',
];

export const STEP_TITLES = ['Dự thảo văn bản', 'Lấy ý kiến các đơn vị liên quan', 'Trình lãnh đạo xem xét', 'Hoàn thiện, ban hành'];

export const PROGRESS_TEXTS = [
  'Đã xây dựng dự thảo, đang lấy ý kiến các đơn vị phối hợp.',
  'Đã tổ chức họp triển khai, phân công cán bộ theo dõi.',
  'Đang tổng hợp số liệu từ các thôn, tổ dân phố.',
  'Đã hoàn thành khảo sát thực tế tại cơ sở.',
  'Đang hoàn thiện báo cáo trình lãnh đạo xem xét.',
  'Đã gửi văn bản đề nghị các đơn vị cung cấp thông tin.',
  'Tiến độ chậm do chờ ý kiến của đơn vị phối hợp.',
];

export const EXTENSION_REASONS = [
  'Chờ số liệu của các đơn vị phối hợp.',
  'Nội dung phức tạp, cần thêm thời gian khảo sát thực tế.',
  'Ảnh hưởng của mưa lũ, chưa thể tổ chức kiểm tra tại cơ sở.',
  'Chờ hướng dẫn của cơ quan cấp trên.',
];

export const EXPECTED_PRODUCTS = ['Báo cáo kết quả gửi UBND', 'Kế hoạch triển khai được ban hành', 'Quyết định ban hành', 'Tờ trình kèm dự thảo văn bản', 'Danh sách rà soát, cập nhật'] as const;

export function personName(rng: Rng): string {
  const female = rng.chance(0.45);
  return `${rng.pick(FAMILY)} ${rng.pick(female ? MIDDLE_F : MIDDLE_M)} ${rng.pick(female ? GIVEN_F : GIVEN_M)}`;
}
