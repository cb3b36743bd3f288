import { useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Radio, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { organisationSchema, siteRoleLabels, type Organisation } from '@shared/registries/organisation';
import { agencyHeaderLines } from '@shared/letters/letterhead';
import { passwordSchema } from '@shared/ipc/channels/auth';
import { api } from '../../api';
import { useAppState, writeContext, currentDb } from '../../state/app';
import { bindText } from '../../ui/bindText';
import { ErrorAlert } from '../../ui/FormActions';
import { useAction } from '../../ui/useAction';
import { todayVn } from '../../ui/format';
import { completeSetup } from '../registries/commands';

interface Props {
  /** True on a brand-new installation: the wizard also creates the first administrator. */
  withAccount: boolean;
  onAccountCreated?: () => void;
}

export function SetupWizard({ withAccount, onAccountCreated }: Props) {
  const [step, setStep] = useState(0);
  const { busy, error, setError, run } = useAction();
  const [org, setOrg] = useState({ authorityName: '', parentName: '', placeName: '', authoritySymbol: 'UBND' });
  const [office, setOffice] = useState({ siteRole: 'coordinator' as Organisation['siteRole'], officeName: 'Văn phòng HĐND và UBND', officeShortName: 'VP', officeSymbol: 'VP' });
  const [admin, setAdmin] = useState({ displayName: '', username: '', password: '', confirm: '' });
  const orgField = bindText(org, setOrg);
  const officeField = bindText(office, setOffice);
  const adminField = bindText(admin, setAdmin);
  const upper = (typed: string) => typed.toUpperCase();

  const checkStep = (s: number): string | null => {
    if (s === 0) {
      const r = organisationSchema.pick({ authorityName: true, parentName: true, placeName: true, authoritySymbol: true }).safeParse(org);
      return r.success ? null : r.error.issues[0].message;
    }
    if (s === 1) {
      if (office.siteRole === 'unit') return null;
      if (office.officeName.trim().length < 3) return 'Nhập tên văn phòng hoặc đơn vị sử dụng máy này.';
      if (!office.officeShortName.trim()) return 'Nhập tên viết tắt của văn phòng.';
      return null;
    }
    if (admin.displayName.trim().length < 2) return 'Nhập họ và tên quản trị viên.';
    if (!/^[a-zA-Z0-9._-]{3,40}$/.test(admin.username)) return 'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.';
    const p = passwordSchema.safeParse(admin.password);
    if (!p.success) return p.error.issues[0].message;
    if (admin.password !== admin.confirm) return 'Mật khẩu nhập lại không khớp.';
    return null;
  };

  const lastStep = withAccount ? 2 : 1;
  const next = async () => {
    const problem = checkStep(step);
    setError(problem);
    if (problem) return;
    if (step < lastStep) {
      setStep(step + 1);
      return;
    }
    await run(async () => {
      if (withAccount) {
        const session = await api().call('auth:createFirstAdmin', {
          username: admin.username,
          password: admin.password,
          displayName: admin.displayName,
          unitId: null,
          officialId: null,
        });
        useAppState.getState().setSession(session);
        onAccountCreated?.();
      }
      await completeSetup(currentDb(), writeContext(), {
        ...org,
        siteRole: office.siteRole,
        office: office.siteRole === 'coordinator' ? { name: office.officeName.trim(), shortName: office.officeShortName.trim(), symbol: office.officeSymbol.trim().toUpperCase() } : null,
        today: todayVn(),
      });
    });
  };

  return (
    <Center h="100%" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={720}>
        <Stack>
          <div>
            <Title order={2}>Thiết lập Đôn Đốc</Title>
            <Text c="dimmed" size="sm">
              Khai báo cơ quan mà máy này phục vụ{withAccount ? ' và tạo tài khoản quản trị đầu tiên' : ''}.
            </Text>
          </div>
          <Stepper active={step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => s < step && setStep(s)}>
            <Stepper.Step label="Cơ quan" description="Tên và địa danh">
              <Stack mt="md">
                <TextInput label="Tên cơ quan (Ủy ban nhân dân)" placeholder="Ủy ban nhân dân xã Hòa An" {...orgField('authorityName')} required />
                <TextInput
                  label="Cơ quan cấp trên"
                  description="In ở dòng trên cùng của tiêu đề mọi văn bản (tên cơ quan chủ quản), phía trên tên cơ quan."
                  placeholder="Ủy ban nhân dân tỉnh Cao Bằng"
                  {...orgField('parentName')}
                />
                <Paper withBorder p="xs" aria-label="Xem trước tiêu đề văn bản" maw={320}>
                  <Text size="xs" c="dimmed" mb={4}>
                    Xem trước góc trái tiêu đề văn bản:
                  </Text>
                  {org.parentName.trim() && (
                    <Text size="xs" ta="center" style={{ whiteSpace: 'pre-line' }}>
                      {agencyHeaderLines(org.parentName)}
                    </Text>
                  )}
                  <Text size="xs" ta="center" fw={700} style={{ whiteSpace: 'pre-line' }}>
                    {agencyHeaderLines(org.authorityName) || 'TÊN CƠ QUAN'}
                  </Text>
                </Paper>
                <Group grow>
                  <TextInput label="Địa danh ghi trên văn bản" placeholder="Cao Bằng" {...orgField('placeName')} required />
                  <TextInput label="Ký hiệu cơ quan" placeholder="UBND" {...orgField('authoritySymbol', upper)} required />
                </Group>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label="Văn phòng" description="Máy này dùng cho ai">
              <Stack mt="md">
                <Radio.Group label="Vai trò của máy này" value={office.siteRole} onChange={(v) => setOffice({ ...office, siteRole: v as Organisation['siteRole'] })}>
                  <Stack gap="xs" mt="xs">
                    <Radio value="coordinator" label={siteRoleLabels.coordinator} />
                    <Radio value="unit" label={siteRoleLabels.unit} />
                  </Stack>
                </Radio.Group>
                {office.siteRole === 'coordinator' ? (
                  <>
                    <TextInput label="Tên văn phòng / đơn vị sử dụng máy" {...officeField('officeName')} required />
                    <Group grow>
                      <TextInput label="Tên viết tắt" {...officeField('officeShortName')} required />
                      <TextInput label="Ký hiệu văn bản" {...officeField('officeSymbol', upper)} />
                    </Group>
                  </>
                ) : (
                  <Alert color="blue" variant="light" title="Danh mục đơn vị do Văn phòng điều phối gửi đến">
                    Máy của đơn vị không tự tạo danh mục đơn vị. Sau khi thiết lập, vào <b>Đồng bộ → Thiết lập</b>: gửi tệp khóa của máy này cho Văn phòng điều phối, rồi nhận danh bạ đơn vị và gói đồng bộ đầu tiên của Văn phòng. Khi đó máy biết mình làm việc cho đơn vị nào và nhận danh mục đơn vị, cán bộ, nhiệm vụ được giao.
                  </Alert>
                )}
              </Stack>
            </Stepper.Step>
            {withAccount && (
              <Stepper.Step label="Quản trị viên" description="Tài khoản đầu tiên">
                <Stack mt="md">
                  <TextInput label="Họ và tên" {...adminField('displayName')} required />
                  <TextInput label="Tên đăng nhập" {...adminField('username')} required />
                  <Group grow>
                    <PasswordInput label="Mật khẩu (ít nhất 8 ký tự)" {...adminField('password')} required />
                    <PasswordInput label="Nhập lại mật khẩu" {...adminField('confirm')} required />
                  </Group>
                </Stack>
              </Stepper.Step>
            )}
          </Stepper>
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Button variant="default" disabled={step === 0 || busy} onClick={() => setStep(step - 1)}>
              Quay lại
            </Button>
            <Button onClick={next} loading={busy}>
              {step < lastStep ? 'Tiếp tục' : 'Hoàn tất thiết lập'}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
