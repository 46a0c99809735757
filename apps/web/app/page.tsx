import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/auth/role-home";
import { CHANGE_PASSWORD_PATH, getSessionUser, SIGN_IN_PATH } from "@/lib/auth/require-user";

export default async function RootPage() {
  const user = await getSessionUser();
  if (!user) redirect(SIGN_IN_PATH);
  redirect(user.mustChangePassword ? CHANGE_PASSWORD_PATH : ROLE_HOME[user.role]);
}
