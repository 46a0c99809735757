import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/auth/role-home";
import { getCurrentUser, SIGN_IN_PATH } from "@/lib/auth/require-user";

export default async function RootPage() {
  const user = await getCurrentUser();
  redirect(user ? ROLE_HOME[user.role] : SIGN_IN_PATH);
}
