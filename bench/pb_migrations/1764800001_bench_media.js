/// <reference path="../pb_data/types.d.ts" />
//
// The collection of W7 (file downloads): `media`, whose files anyone may download. Its one file field is not
// protected, so PocketBase serves the files without a token and Hapta may keep the small ones in memory. Nobody
// but an admin writes to it: the benchmark uploads its files as the admin before the load, and a write rule open to
// the seed users (whose password is public) would only widen what they can do.
//
// Applied only by the benchmark, on a throw-away data dir, after the project migrations.

const MEDIA_ID = "bench_media_001"
const MAX_FILE_BYTES = 20 * 1024 * 1024

migrate((db) => {
  const media = new Collection({
    id: MEDIA_ID,
    name: "media",
    type: "base",
    schema: [
      {
        id: "media_files", name: "files", type: "file", required: false,
        // No mimeTypes: W7's files are random bytes, which PocketBase sniffs as application/octet-stream.
        options: { maxSelect: 2, maxSize: MAX_FILE_BYTES, mimeTypes: [], thumbs: [], protected: false },
      },
    ],
    indexes: [],
    listRule: "",
    viewRule: "",
    createRule: null,
    updateRule: null,
    deleteRule: null,
  })
  new Dao(db).saveCollection(media)
}, (db) => {
  const dao = new Dao(db)
  dao.deleteCollection(dao.findCollectionByNameOrId(MEDIA_ID))
})
