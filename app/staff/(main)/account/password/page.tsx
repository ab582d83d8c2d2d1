import { PasswordPage } from '@/components/account/password-page';

export default function StaffPasswordPage() {
  return <PasswordPage staff />;
}
