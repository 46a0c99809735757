import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { accessSync, constants, existsSync, openSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/*
 * A throwaway WordPress for tests: Debian's `wordpress` package on PHP's built-in server, with its
 * own MariaDB database, bound to 127.0.0.1 and unable to reach anything but this machine. Needs
 * root (Debian's wp-config.php reads /etc/wordpress/config-<name>.php), the packages wordpress,
 * php-cli and php-mysql, and MariaDB on 127.0.0.1:3306 with a passwordless root. Node built-ins
 * only, so Playwright specs can load it too. About 3 s to a fresh site.
 */

const run = promisify(execFile);
const WORDPRESS_ROOT = "/usr/share/wordpress";
const CONFIG_DIR = "/etc/wordpress";
const DB_HOST = process.env.WORDPRESS_TEST_DB_HOST ?? "127.0.0.1";
const DB_PORT = process.env.WORDPRESS_TEST_DB_PORT ?? "3306";
/** At least 2: the installer makes requests to the site itself and would wait for its own worker. */
const PHP_WORKERS = "4";

export interface TWordPressSite {
  url: string;
  user: string;
  appPassword: string;
  /** The PHP server's log (blocked outgoing requests are logged there). */
  logFile: string;
  stop(): Promise<void>;
}

export interface TWordPressSiteOptions {
  port: number;
  /** Use this application password (letters and digits) instead of a random one. */
  appPassword?: string;
  /** Ports on 127.0.0.1/localhost the site may fetch from, e.g. the web app's (oEmbed discovery). */
  allowLocalPorts?: number[];
}

/** Throws, naming what is missing, when this machine cannot run the site: the test must fail, not skip. */
export async function assertWordPressPrerequisites(): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(`${WORDPRESS_ROOT}/wp-load.php`)) missing.push("the Debian package wordpress");
  if (!existsSync("/usr/bin/php")) missing.push("the Debian package php-cli");
  if (!existsSync(CONFIG_DIR)) missing.push(CONFIG_DIR);
  else if (!writable(CONFIG_DIR)) missing.push(`write access to ${CONFIG_DIR} (run as root)`);
  if (missing.length) throw new Error(`WordPress test site: missing ${missing.join(", ")} (apt-get install wordpress php-cli php-mysql).`);
  await sql("SELECT 1").catch((error: Error) => {
    throw new Error(`WordPress test site: MariaDB on ${DB_HOST}:${DB_PORT} (root, no password) is not reachable: ${error.message}`);
  });
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function sql(statement: string): Promise<unknown> {
  return run("mysql", ["--protocol=TCP", "-h", DB_HOST, "-P", DB_PORT, "-u", "root", "-N", "-e", statement]);
}

function phpString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Starts a fresh site on 127.0.0.1:<port> with user "admin" and an application password. */
export async function startWordPressSite(options: TWordPressSiteOptions): Promise<TWordPressSite> {
  await assertWordPressPrerequisites();
  const { port } = options;
  const name = `diemcau-test-${port}`;
  const database = `diemcau_wp_${port}`;
  const dbPassword = randomBytes(12).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(CONFIG_DIR, `config-${name}.php`);
  const dir = await mkdtemp(join(tmpdir(), "diemcau-wordpress-"));
  const content = join(dir, "wp-content");
  let server: ChildProcess | undefined;

  const stop = async () => {
    if (server?.pid) {
      // php -S workers outlive their master: stop the whole process group.
      try {
        process.kill(-server.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await sql(`DROP DATABASE IF EXISTS \`${database}\`; DROP USER IF EXISTS '${database}'@'127.0.0.1';`).catch(() => undefined);
    await rm(configFile, { force: true });
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // A site left by a test that crashed on this port goes first.
    await sql(
      `DROP DATABASE IF EXISTS \`${database}\`; DROP USER IF EXISTS '${database}'@'127.0.0.1';` +
        `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;` +
        // MariaDB here skips name resolution: the user must be '127.0.0.1', as WordPress connects over TCP.
        `CREATE USER '${database}'@'127.0.0.1' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON \`${database}\`.* TO '${database}'@'127.0.0.1';`,
    );
    await mkdir(join(content, "plugins"), { recursive: true });
    await mkdir(join(content, "mu-plugins"), { recursive: true });
    await mkdir(join(content, "uploads"), { recursive: true });
    await symlink(join(WORDPRESS_ROOT, "wp-content/themes"), join(content, "themes"));
    const define = (key: string, value: string | boolean) => `define(${phpString(key)}, ${typeof value === "boolean" ? String(value) : phpString(value)});`;
    const salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"];
    await writeFile(
      configFile,
      [
        "<?php",
        define("DB_NAME", database),
        define("DB_USER", database),
        define("DB_PASSWORD", dbPassword),
        define("DB_HOST", `${DB_HOST}:${DB_PORT}`),
        define("DB_CHARSET", "utf8mb4"),
        define("DB_COLLATE", ""),
        define("WP_HOME", url),
        define("WP_SITEURL", url),
        define("WP_CONTENT_DIR", content),
        // Application passwords over plain HTTP.
        define("WP_ENVIRONMENT_TYPE", "local"),
        define("AUTOMATIC_UPDATER_DISABLED", true),
        define("WP_AUTO_UPDATE_CORE", false),
        define("WP_HTTP_BLOCK_EXTERNAL", true),
        define("DISABLE_WP_CRON", true),
        ...salts.map((key) => define(key, randomBytes(32).toString("hex"))),
        "$table_prefix = 'wp_';",
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    const localPorts = (options.allowLocalPorts ?? []).map(Number).join(", ");
    await writeFile(
      join(content, "mu-plugins", "local-only.php"),
      `<?php
// Nothing beyond this machine, not even a DNS lookup: WP_HTTP_BLOCK_EXTERNAL alone lets oEmbed
// discovery resolve host names before it applies.
function diemcau_test_is_local($host) { return in_array(strtolower((string) $host), ['127.0.0.1', 'localhost', '[::1]'], true); }
add_filter('pre_http_request', function ($pre, $args, $url) {
    if ($pre !== false || diemcau_test_is_local(parse_url($url, PHP_URL_HOST))) return $pre;
    error_log("wordpress test site: blocked HTTP to $url");
    return new WP_Error('http_request_blocked', 'external HTTP is blocked');
}, 1, 3);
// The web app under test runs on this machine on its own port: let oEmbed discovery reach it.
add_filter('http_request_host_is_external', function ($external, $host) { return $external || diemcau_test_is_local($host); }, 10, 2);
add_filter('http_allowed_safe_ports', function ($ports) { return array_merge($ports, [${localPorts}]); });
add_filter('pre_wp_mail', '__return_true');
`,
    );
    const router = join(dir, "router.php");
    await writeFile(
      router,
      `<?php
// Debian's wp-config.php loads ${CONFIG_DIR}/config-$_SERVER[WORDPRESS_CONFIG].php.
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: '';
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/');
if (strncmp($path, '/wp-content/', 12) === 0 && strpos($path, '..') === false) {
    $file = getenv('WP_TEST_CONTENT') . substr($path, 11);
    if (is_file($file) && !preg_match('/\\.php$/i', $file)) {
        $types = ['css' => 'text/css', 'js' => 'text/javascript', 'svg' => 'image/svg+xml'];
        header('Content-Type: ' . ($types[strtolower(pathinfo($file, PATHINFO_EXTENSION))] ?? mime_content_type($file)));
        readfile($file);
        return true;
    }
}
if ($path !== '/' && file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) return false;
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir($_SERVER['DOCUMENT_ROOT']);
require 'index.php';
`,
    );
    const logFile = join(dir, "server.log");
    const log = openSync(logFile, "a");
    server = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", WORDPRESS_ROOT, router], {
      env: { ...process.env, WORDPRESS_CONFIG: name, WP_TEST_CONTENT: content, PHP_CLI_SERVER_WORKERS: PHP_WORKERS },
      stdio: ["ignore", log, log],
      detached: true,
    });
    server.unref();
    await waitForServer(`${url}/readme.html`, server);

    const adminPassword = randomBytes(12).toString("hex");
    const install = await fetch(`${url}/wp-admin/install.php?step=2`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        weblog_title: "Cổng thông tin thử",
        user_name: "admin",
        admin_password: adminPassword,
        admin_password2: adminPassword,
        admin_email: "admin@example.test",
        blog_public: "0",
      }),
    });
    const installPage = await install.text();
    if (!installPage.includes("<h1>Success!</h1>")) throw new Error(`WordPress install failed (HTTP ${install.status}); see ${logFile}`);

    const setup = join(dir, "setup.php");
    await writeFile(
      setup,
      `<?php
$_SERVER['HTTP_HOST'] = $argv[1];
$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG');
require '${WORDPRESS_ROOT}/wp-load.php';
$GLOBALS['wp_rewrite']->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false);
$user = get_user_by('login', 'admin');
[$password, $item] = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'diemcau-test']);
$wanted = $argv[2] ?? '';
if ($wanted !== '') {
    $items = WP_Application_Passwords::get_user_application_passwords($user->ID);
    foreach ($items as &$one) if ($one['uuid'] === $item['uuid']) $one['password'] = wp_hash_password($wanted);
    update_user_meta($user->ID, WP_Application_Passwords::USERMETA_KEY_APPLICATION_PASSWORDS, $items);
    $password = $wanted;
}
echo $password;
`,
    );
    const { stdout } = await run("php", [setup, `127.0.0.1:${port}`, options.appPassword ?? ""], { env: { ...process.env, WORDPRESS_CONFIG: name } });
    return { url, user: "admin", appPassword: stdout.trim(), logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`php -S exited with ${server.exitCode} (is the port taken?)`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WordPress did not answer at ${url}`);
}
