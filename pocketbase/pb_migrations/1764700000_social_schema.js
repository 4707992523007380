/// <reference path="../pb_data/types.d.ts" />
//
// The schema of the small social app that Hapta's tests and demo run against: the built-in `users`
// auth collection tightened, plus `posts` and `comments`. PocketBase 0.22 JS migration (Dao API).
//
// PocketBase 0.22 facts that shape this file:
// - `dao.saveCollection` does not validate. A typo in a rule is accepted now and only surfaces later
//   as a generic 400 on every request, so smoke-test the rules after changing them: sign up two users,
//   then view and list as guest, owner and other user, and delete a post that has comments.
// - Collection ids are fixed (15 chars) so that relations, later migrations and Hapta's configuration
//   can name them without a lookup.
// - A relation's `collectionId` must be the id, never the collection name.
// - File fields need an explicit `maxSize`, and PocketBase sniffs the MIME type from the content.

const USERS_ID = "_pb_users_auth_"
const POSTS_ID = "hapta_posts_001"
const COMMENTS_ID = "hapta_cmnts_001"

const MAX_IMAGE_BYTES = 5 * 1024 * 1024
// SVG is left out on purpose: it can carry script, and these files are served inline.
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]

const SIGNED_IN = "@request.auth.id != \"\""

function relationTo(collectionId, id, name, { required = false, single = true, cascade = false } = {}) {
  return {
    id, name, type: "relation", required,
    options: {
      collectionId,
      cascadeDelete: cascade,
      minSelect: null,
      maxSelect: single ? 1 : null,
      displayFields: null,
    },
  }
}

function text(id, name, min, max) {
  return { id, name, type: "text", required: min > 0, options: { min, max, pattern: "" } }
}

function image(id, name, thumbs) {
  return {
    id, name, type: "file", required: false,
    options: { maxSelect: 1, maxSize: MAX_IMAGE_BYTES, mimeTypes: IMAGE_TYPES, thumbs, protected: false },
  }
}

migrate((db) => {
  const dao = new Dao(db)

  // Every 0.22 data dir starts with this auth collection, so it is adjusted rather than created.
  const users = dao.findCollectionByNameOrId(USERS_ID)
  // Profiles are public (an expanded `author` must resolve for guests), but listing is limited to
  // yourself so that nobody can page through every account.
  users.listRule = "id = @request.auth.id"
  users.viewRule = ""
  users.createRule = ""
  users.updateRule = "id = @request.auth.id"
  users.deleteRule = "id = @request.auth.id"
  users.options = {
    allowEmailAuth: true,
    allowOAuth2Auth: true,
    allowUsernameAuth: true,
    requireEmail: true,
    minPasswordLength: 8,
    onlyVerified: false,
    onlyEmailDomains: null,
    exceptEmailDomains: null,
    manageRule: null,
  }
  // The built-in avatar keeps its field id, so addField replaces it in place and keeps the files.
  users.schema.addField(new SchemaField(image("users_avatar", "avatar", ["100x100"])))
  dao.saveCollection(users)

  const postIsVisible = `public = true || author = @request.auth.id`
  const posts = new Collection({
    id: POSTS_ID,
    name: "posts",
    type: "base",
    schema: [
      relationTo(USERS_ID, "post_author", "author", { required: true }),
      text("post_content", "content", 1, 10000),
      { id: "post_public", name: "public", type: "bool", required: false, options: {} },
      // Writable by the post's author only (update rule below). A rule cannot say "a reader may add or
      // remove only themselves": with `likes+` it sees the merged list, not the change.
      relationTo(USERS_ID, "post_likes", "likes", { single: false }),
      // Denormalised so that feeds can sort by popularity without counting relations.
      { id: "post_likescount", name: "likesCount", type: "number", required: false,
        options: { min: 0, max: null, noDecimal: true } },
      image("post_image", "image", ["100x100", "300x0"]),
    ],
    indexes: [
      "CREATE INDEX `idx_posts_author` ON `posts` (`author`)",
      "CREATE INDEX `idx_posts_public_created` ON `posts` (`public`, `created`)",
    ],
    listRule: postIsVisible,
    viewRule: postIsVisible,
    createRule: `${SIGNED_IN} && @request.data.author = @request.auth.id`,
    // Without the second clause the author could hand the post (and the right to edit it) to someone else.
    updateRule: "author = @request.auth.id" +
      " && (@request.data.author:isset = false || @request.data.author = @request.auth.id)",
    deleteRule: "author = @request.auth.id",
  })
  dao.saveCollection(posts)

  const commentIsVisible = "post.public = true || post.author = @request.auth.id || author = @request.auth.id"
  const comments = new Collection({
    id: COMMENTS_ID,
    name: "comments",
    type: "base",
    schema: [
      // Comments belong to their post: deleting the post deletes them.
      relationTo(POSTS_ID, "comment_post", "post", { required: true, cascade: true }),
      relationTo(USERS_ID, "comment_author", "author", { required: true }),
      text("comment_content", "content", 1, 2000),
    ],
    indexes: [
      "CREATE INDEX `idx_comments_post` ON `comments` (`post`)",
      "CREATE INDEX `idx_comments_author` ON `comments` (`author`)",
    ],
    listRule: commentIsVisible,
    viewRule: commentIsVisible,
    // `@request.data.post.*` follows the submitted relation, so a comment can only land on a post
    // that its author is allowed to see.
    createRule: `${SIGNED_IN} && @request.data.author = @request.auth.id` +
      " && (@request.data.post.public = true || @request.data.post.author = @request.auth.id)",
    // Editing may change the text only: moving a comment would bypass the create rule's visibility check.
    updateRule: "author = @request.auth.id" +
      " && @request.data.author:isset = false && @request.data.post:isset = false",
    // A post's author moderates the comments under it.
    deleteRule: "author = @request.auth.id || post.author = @request.auth.id",
  })
  dao.saveCollection(comments)
}, (db) => {
  const dao = new Dao(db)

  // Comments first: they hold a relation to posts.
  dao.deleteCollection(dao.findCollectionByNameOrId(COMMENTS_ID))
  dao.deleteCollection(dao.findCollectionByNameOrId(POSTS_ID))

  // Back to what a fresh PocketBase 0.22.20 data dir has (read from a new instance).
  const users = dao.findCollectionByNameOrId(USERS_ID)
  users.listRule = "id = @request.auth.id"
  users.viewRule = "id = @request.auth.id"
  users.createRule = ""
  users.updateRule = "id = @request.auth.id"
  users.deleteRule = "id = @request.auth.id"
  users.options = {
    allowEmailAuth: true,
    allowOAuth2Auth: true,
    allowUsernameAuth: true,
    requireEmail: false,
    minPasswordLength: 8,
    onlyVerified: false,
    onlyEmailDomains: null,
    exceptEmailDomains: null,
    manageRule: null,
  }
  const avatar = image("users_avatar", "avatar", null)
  avatar.options.mimeTypes = ["image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"]
  users.schema.addField(new SchemaField(avatar))
  dao.saveCollection(users)
})
