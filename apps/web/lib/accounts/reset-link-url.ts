import { PASSWORD_RESET_PATH } from "@diemcau/db";

/** The link an administrator copies for an account: `<public URL>/dat-lai-mat-khau/<token>`. */
export function resetLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/$/, "")}${PASSWORD_RESET_PATH}/${token}`;
}
