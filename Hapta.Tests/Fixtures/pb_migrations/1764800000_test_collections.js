/// <reference path="../pb_data/types.d.ts" />
// Collections that only the tests need, beside the project's own schema:
// - "vault": every rule null, so PocketBase answers 403 to anyone but an admin;
// - "notes": every rule open, with typed and constrained fields, for validation errors without a login.
migrate((db) => {
  const dao = new Dao(db)

  dao.saveCollection(new Collection({
    id: "hptestvault0001",
    name: "vault",
    type: "base",
    schema: [
      { id: "vault_secret", name: "secret", type: "text", required: false, options: { min: null, max: null, pattern: "" } },
    ],
    listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null,
  }))

  return dao.saveCollection(new Collection({
    id: "hptestnotes0001",
    name: "notes",
    type: "base",
    schema: [
      { id: "notes_title", name: "title", type: "text", required: true, options: { min: 3, max: 40, pattern: "" } },
      { id: "notes_rank", name: "rank", type: "number", required: false, options: { min: 0, max: 100, noDecimal: true } },
      { id: "notes_mail", name: "contact", type: "email", required: false, options: { exceptDomains: null, onlyDomains: null } },
    ],
    listRule: "", viewRule: "", createRule: "", updateRule: "", deleteRule: "",
  }))
}, (db) => {
  const dao = new Dao(db)
  dao.deleteCollection(dao.findCollectionByNameOrId("notes"))
  return dao.deleteCollection(dao.findCollectionByNameOrId("vault"))
})
