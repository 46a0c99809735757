import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/require-user";
import { ROLE_NAVIGATION } from "@/lib/navigation/role-navigation";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const [user, t] = await Promise.all([getSessionUser(), getTranslations()]);
  // A session that must change its password gets no navigation, only a way out.
  const navigable = user && !user.mustChangePassword;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          <span aria-hidden="true" className="site-header__logo">
            ◎
          </span>
          {t("app.name")}
        </Link>
        {navigable && (
          <nav aria-label={t("nav.label")} className="site-nav">
            <ul>
              {ROLE_NAVIGATION[user.role].map((item) => (
                <li key={item.href}>
                  <Link href={item.href}>{t(`nav.${item.key}`)}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <form className="site-search" method="get" action="/tim-kiem" role="search">
          <label className="visually-hidden" htmlFor="site-search-query">
            {t("search.query")}
          </label>
          <input id="site-search-query" type="search" name="q" placeholder={t("search.placeholder")} maxLength={2000} />
          <button className="button" type="submit">
            {t("search.submit")}
          </button>
        </form>
        <div className="site-header__tools">
          {user && (
            <p className="site-header__user">
              <span className="visually-hidden">{t("user.signedInAs")}: </span>
              <strong>{user.name}</strong>
              <span className="role-badge" data-testid="user-role">{t(`roles.${user.role}`)}</span>
              {user.isDemo && (
                <span className="role-badge role-badge--demo" title={t("user.demoHint")} data-testid="demo-badge">
                  {t("user.demo")}
                </span>
              )}
            </p>
          )}
          <LanguageSwitch />
          {user && <SignOutButton label={t("user.signOut")} />}
        </div>
      </div>
    </header>
  );
}
