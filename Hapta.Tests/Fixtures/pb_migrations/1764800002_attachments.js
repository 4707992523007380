/// <reference path="../pb_data/types.d.ts" />
// "attachments": file fields for the upload and download tests. "doc" takes any type up to 200 MiB (the
// 100 MB streaming test), "images" up to two PNG, JPEG or GIF images of 1 MiB with two thumb sizes, and
// "secret" is a protected file. Records are readable by their owner, and by everyone when "public" is set.
migrate((db) => {
  const dao = new Dao(db)
  return dao.saveCollection(new Collection({
    id: "hptestattach001",
    name: "attachments",
    type: "base",
    schema: [
      { id: "att_title", name: "title", type: "text", options: { min: null, max: 100, pattern: "" } },
      { id: "att_public", name: "public", type: "bool", options: {} },
      { id: "att_owner", name: "owner", type: "relation",
        options: { collectionId: "_pb_users_auth_", cascadeDelete: false, minSelect: null, maxSelect: 1,
                   displayFields: null } },
      { id: "att_doc", name: "doc", type: "file",
        options: { maxSelect: 1, maxSize: 209715200, mimeTypes: [], thumbs: [], protected: false } },
      { id: "att_images", name: "images", type: "file",
        options: { maxSelect: 2, maxSize: 1048576, mimeTypes: ["image/png", "image/jpeg", "image/gif"],
                   thumbs: ["100x100", "50x0"], protected: false } },
      { id: "att_secret", name: "secret", type: "file",
        options: { maxSelect: 1, maxSize: 1048576, mimeTypes: [], thumbs: [], protected: true } },
    ],
    listRule: "public = true || owner = @request.auth.id",
    viewRule: "public = true || owner = @request.auth.id",
    createRule: "@request.auth.id != \"\" && @request.data.owner = @request.auth.id",
    updateRule: "owner = @request.auth.id",
    deleteRule: "owner = @request.auth.id",
  }))
}, (db) => {
  const dao = new Dao(db)
  return dao.deleteCollection(dao.findCollectionByNameOrId("attachments"))
})
