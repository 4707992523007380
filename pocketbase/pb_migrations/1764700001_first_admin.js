/// <reference path="../pb_data/types.d.ts" />
//
// Creates the first PocketBase admin from PB_ADMIN_EMAIL and PB_ADMIN_PASSWORD.
//
// Why a migration: while a PocketBase 0.22 instance has no admin at all, `POST /api/admins` creates
// one without any authorization. Migrations run before `serve` opens its port, so an admin created
// here leaves no such window. Hapta logs in with the same credentials (ADMIN_EMAIL/ADMIN_PASSWORD).
//
// Like every migration this runs once per data dir: starting a data dir without the variables records
// the migration as applied, and setting them later does nothing. Use `pocketbase admin create` then.

migrate((db) => {
  const email = $os.getenv("PB_ADMIN_EMAIL").trim()
  const password = $os.getenv("PB_ADMIN_PASSWORD")

  if (email === "" && password === "") {
    return
  }
  // Half a configuration would silently leave the first-admin hole open, so it stops the start instead.
  if (email === "" || password === "") {
    throw new Error("set both PB_ADMIN_EMAIL and PB_ADMIN_PASSWORD, or neither")
  }
  // The same bounds PocketBase's own admin form enforces (bcrypt ignores bytes past 72).
  if (password.length < 10 || password.length > 72) {
    throw new Error("PB_ADMIN_PASSWORD must be 10 to 72 characters long")
  }

  const dao = new Dao(db)
  try {
    dao.findAdminByEmail(email)
    return
  } catch (_) {
    // Not found: create it below.
  }

  const admin = new Admin()
  admin.email = email
  admin.setPassword(password)
  dao.saveAdmin(admin)
}, (db) => {
  // Deliberately nothing: an admin is data, not schema, and rolling back must not lock the operator out.
})
