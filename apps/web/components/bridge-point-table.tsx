import { getTranslations } from "next-intl/server";
import type { TBridgePointListItem } from "@/lib/bridge-points/list-bridge-points";

export async function BridgePointTable({ bridgePoints, withAccounts = false }: { bridgePoints: TBridgePointListItem[]; withAccounts?: boolean }) {
  const t = await getTranslations("bridgePoints");
  if (bridgePoints.length === 0) return <p className="empty">{t("none")}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("district")}</th>
            <th scope="col">{t("location")}</th>
            {withAccounts && <th scope="col">{t("accounts")}</th>}
            <th scope="col">{t("active")}</th>
          </tr>
        </thead>
        <tbody>
          {bridgePoints.map((bp) => (
            <tr key={bp.id}>
              <th scope="row">{bp.name}</th>
              <td>
                <span className="muted">{bp.district.kind}</span> {bp.district.name}
              </td>
              <td>{bp.location ?? "—"}</td>
              {withAccounts && <td>{bp.accounts.map((a) => a.email).join(", ") || "—"}</td>}
              <td>{bp.active ? t("yes") : t("no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
