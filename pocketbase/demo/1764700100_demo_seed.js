/// <reference path="../pb_data/types.d.ts" />
//
// Demo data for Scripts/run.sh: three users with known passwords, about thirty posts and a few
// comments and likes, so that a newcomer has something to list, log in as and break.
//
// Never applied by the tests (they create their own data under unique names) and never shipped in the
// PocketBase image: run.sh copies it next to the project migrations in .run/pb_migrations.
// The passwords are public knowledge, so this data set must not reach a server anyone else can reach.

const DEMO_USERS = [
  { username: "alice", name: "Alice Martin", password: "alice-demo-pass" },
  { username: "bob", name: "Bob Okafor", password: "bob-demo-pass" },
  { username: "carol", name: "Carol Nguyen", password: "carol-demo-pass" },
]

// [author, public, content]. Private posts are mixed in so that visibility is visible in the demo.
const DEMO_POSTS = [
  ["alice", true, "Hello, world! First post from the Hapta demo."],
  ["bob", true, "Is anyone else testing the gateway at 3 a.m.? Asking for a friend."],
  ["carol", true, "Tip: `perPage` above 500 is silently clamped by PocketBase. Ask for what you need."],
  ["alice", false, "Draft: notes for the team meeting. Not ready to share yet."],
  ["bob", true, "Made sourdough today. The starter is named Orleans, because it keeps coming back."],
  ["carol", false, "Reminder to self: renew the TLS certificate before Friday."],
  ["alice", true, "Reading list: RFC 9111 (HTTP caching) and RFC 9700 (OAuth 2.0 security BCP)."],
  ["bob", true, "Hot take: every cache is a consistency bug waiting for a deadline."],
  ["carol", true, "Ran 5 km this morning. Slow and steady."],
  ["alice", true, "Unicode check: café, naïve, Zürich, 東京, emoji 🎉."],
  ["bob", false, "Private: gift ideas for Carol's birthday. Don't peek."],
  ["carol", true, "Photo walk on Sunday, anyone? Meet at the old bridge at 10."],
  ["alice", true, "Today I learned that `likesCount+` in PocketBase 0.22 is not atomic."],
  ["bob", true, "Rate limits are a kindness to the servers you love."],
  ["carol", false, "Journal: the new job is going well, a bit overwhelming."],
  ["alice", true, "Short one."],
  ["bob", true, "Long one. " + "The quick brown fox jumps over the lazy dog. ".repeat(20).trim()],
  ["carol", true, "Question for the hive mind: tabs or spaces in YAML? (Trick question.)"],
  ["alice", false, "Private list: plumber, dentist, call grandma."],
  ["bob", true, "Three silos walk into a bar. The bartender says: which one of you holds the grain?"],
  ["carol", true, "Finished a 1000-piece puzzle. Missing exactly one piece. Of course."],
  ["alice", true, "Markdown is not rendered here: **this stays literal**."],
  ["bob", true, "Benchmark day: remember to compare ratios, not absolute numbers."],
  ["carol", true, "Recipe: lentil soup, lemon, cumin, lots of patience."],
  ["alice", true, "A post with \"quotes\", 'apostrophes' and a <b>tag</b> that must be escaped."],
  ["bob", false, "Draft reply to the landlord. Needs to be calmer."],
  ["carol", true, "Book club pick for next month: The Left Hand of Darkness."],
  ["alice", true, "Weekend plan: nothing. Absolutely nothing."],
  ["bob", true, "Does the feed show newest first? This should be near the top."],
  ["carol", true, "Last demo post. Log in as alice, bob or carol and see what changes."],
]

// [post index in DEMO_POSTS, author, content]. Only on posts that the commenter may see.
const DEMO_COMMENTS = [
  [0, "bob", "Welcome!"],
  [0, "carol", "Hello from Carol."],
  [1, "alice", "Every night, apparently."],
  [4, "carol", "Recipe please!"],
  [4, "alice", "Best starter name ever."],
  [7, "alice", "And every deadline is a cache invalidation."],
  [11, "bob", "I'll bring coffee."],
  [12, "bob", "Learned that the hard way too."],
  [19, "carol", "Groan."],
  [3, "alice", "Add: budget review."],
]

// [post index, users who liked it]; likesCount is kept equal to the number of likes.
const DEMO_LIKES = [
  [0, ["bob", "carol"]],
  [4, ["alice", "carol"]],
  [7, ["alice"]],
  [12, ["bob", "carol"]],
  [19, ["alice", "carol"]],
  [29, ["alice", "bob"]],
]

function emailOf(username) {
  return `${username}@example.com`
}

// Spreading `created` over the last days (one post every five hours, oldest first) makes sorting
// visible in the demo. The string is PocketBase's datetime format.
function hoursAgo(hours) {
  return new Date(Date.now() - hours * 3600 * 1000).toISOString().replace("T", " ")
}

function postAgeHours(postIndex) {
  return (DEMO_POSTS.length - postIndex) * 5
}

migrate((db) => {
  const dao = new Dao(db)

  // Seeded already (by an earlier run with another migrations folder, or by hand): leave it alone.
  try {
    dao.findAuthRecordByEmail("users", emailOf(DEMO_USERS[0].username))
    return
  } catch (_) {
    // Not seeded yet.
  }

  const users = dao.findCollectionByNameOrId("users")
  const idOf = {}
  for (const demo of DEMO_USERS) {
    const user = new Record(users)
    user.setUsername(demo.username)
    user.setEmail(emailOf(demo.username))
    user.setEmailVisibility(false)
    user.setVerified(true)
    user.set("name", demo.name)
    user.setPassword(demo.password)
    dao.saveRecord(user)
    idOf[demo.username] = user.id
  }

  const likesOf = {}
  for (const [index, likers] of DEMO_LIKES) {
    likesOf[index] = likers.map((username) => idOf[username])
  }

  const posts = dao.findCollectionByNameOrId("posts")
  const postIds = []
  DEMO_POSTS.forEach(([author, isPublic, content], index) => {
    const likes = likesOf[index] || []
    const post = new Record(posts)
    post.set("author", idOf[author])
    post.set("public", isPublic)
    post.set("content", content)
    post.set("likes", likes)
    post.set("likesCount", likes.length)
    post.set("created", hoursAgo(postAgeHours(index)))
    dao.saveRecord(post)
    postIds.push(post.id)
  })

  const comments = dao.findCollectionByNameOrId("comments")
  DEMO_COMMENTS.forEach(([postIndex, author, content], index) => {
    const comment = new Record(comments)
    comment.set("post", postIds[postIndex])
    comment.set("author", idOf[author])
    comment.set("content", content)
    comment.set("created", hoursAgo(postAgeHours(postIndex) - 1 - index / 10))
    dao.saveRecord(comment)
  })
}, (db) => {
  const dao = new Dao(db)

  for (const demo of DEMO_USERS) {
    let user
    try {
      user = dao.findAuthRecordByEmail("users", emailOf(demo.username))
    } catch (_) {
      continue
    }
    // A user cannot be deleted while a required relation points at them. Deleting their posts also
    // deletes the comments under those posts (cascade); their comments elsewhere go explicitly.
    const params = { id: user.id }
    for (const comment of dao.findRecordsByFilter("comments", "author = {:id}", "", 0, 0, params)) {
      dao.deleteRecord(comment)
    }
    for (const post of dao.findRecordsByFilter("posts", "author = {:id}", "", 0, 0, params)) {
      dao.deleteRecord(post)
    }
    dao.deleteRecord(user)
  }
})
