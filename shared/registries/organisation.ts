import { z } from 'zod';

/** The authority this installation serves and the office it runs in (first-run wizard). */
export const organisationSchema = z.object({
  authorityName: z.string().trim().min(5, 'Nhập tên cơ quan, ví dụ "Ủy ban nhân dân xã Hòa An"').max(200),
  parentName: z.string().trim().max(200),
  placeName: z.string().trim().min(2, 'Nhập địa danh ghi trên văn bản, ví dụ "Cao Bằng"').max(100),
  authoritySymbol: z.string().trim().min(1, 'Nhập ký hiệu cơ quan, ví dụ "UBND"').max(20),
  siteRole: z.enum(['coordinator', 'unit']),
  /** Units whose work this installation records (its own office, or the units it acts for). */
  actsForUnitIds: z.array(z.string()).max(500),
  authorityUnitId: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const ORGANISATION_SETTINGS_ID = 'organisation';

export const siteRoleLabels: Record<Organisation['siteRole'], string> = {
  coordinator: 'Văn phòng điều phối (giao và theo dõi nhiệm vụ)',
  unit: 'Văn phòng của đơn vị (thực hiện nhiệm vụ được giao)',
};
