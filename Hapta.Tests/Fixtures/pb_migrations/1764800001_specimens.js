/// <reference path="../pb_data/types.d.ts" />
// "specimens": one field of every PocketBase 0.22 type, each with its options set, and every rule open, so
// that validation can be tested field type by field type without a login; and "backstage", open to everyone
// in PocketBase but listed in Hapta:Validation:HiddenCollections by the tests.
migrate((db) => {
  const dao = new Dao(db)
  dao.saveCollection(new Collection({
    id: "hptestbackstag1",
    name: "backstage",
    type: "base",
    schema: [{ id: "backstage_note", name: "note", type: "text", options: { min: null, max: null, pattern: "" } }],
    listRule: "", viewRule: "", createRule: "", updateRule: "", deleteRule: "",
  }))
  return dao.saveCollection(new Collection({
    id: "hptestspecimen1",
    name: "specimens",
    type: "base",
    schema: [
      { id: "spec_title", name: "title", type: "text", required: true,
        options: { min: 3, max: 40, pattern: "^[A-Za-z0-9 ]+$" } },
      { id: "spec_body", name: "body", type: "editor", options: { convertUrls: false } },
      { id: "spec_count", name: "count", type: "number", options: { min: 0, max: 1000, noDecimal: true } },
      { id: "spec_ratio", name: "ratio", type: "number", options: { min: -1, max: 1, noDecimal: false } },
      { id: "spec_flag", name: "flag", type: "bool", options: {} },
      { id: "spec_moderated", name: "moderated", type: "bool", options: {} },
      { id: "spec_contact", name: "contact", type: "email",
        options: { exceptDomains: null, onlyDomains: ["example.com"] } },
      { id: "spec_site", name: "site", type: "url", options: { exceptDomains: ["evil.test"], onlyDomains: null } },
      { id: "spec_due", name: "due", type: "date",
        options: { min: "2000-01-01 00:00:00.000Z", max: "2100-01-01 00:00:00.000Z" } },
      { id: "spec_color", name: "color", type: "select", options: { maxSelect: 1, values: ["red", "green", "blue"] } },
      { id: "spec_tags", name: "tags", type: "select", options: { maxSelect: 3, values: ["a", "b", "c", "d", "e"] } },
      { id: "spec_meta", name: "meta", type: "json", options: { maxSize: 2000 } },
      { id: "spec_owner", name: "owner", type: "relation",
        options: { collectionId: "_pb_users_auth_", cascadeDelete: false, minSelect: null, maxSelect: 1,
                   displayFields: null } },
      { id: "spec_friends", name: "friends", type: "relation",
        options: { collectionId: "_pb_users_auth_", cascadeDelete: false, minSelect: null, maxSelect: 5,
                   displayFields: null } },
      { id: "spec_files", name: "files", type: "file",
        options: { maxSelect: 2, maxSize: 1048576, mimeTypes: [], thumbs: [], protected: false } },
    ],
    listRule: "", viewRule: "", createRule: "", updateRule: "", deleteRule: "",
  }))
}, (db) => {
  const dao = new Dao(db)
  dao.deleteCollection(dao.findCollectionByNameOrId("backstage"))
  return dao.deleteCollection(dao.findCollectionByNameOrId("specimens"))
})
