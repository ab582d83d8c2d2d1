import { PasswordPage } from '@/components/account/password-page';

export default function PortalPasswordPage() {
  return <PasswordPage staff={false} />;
}
