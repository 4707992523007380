/// <reference path="../pb_data/types.d.ts" />
//
// Benchmark data for Scripts/bench.sh: 100 users and 1,000 posts (10 each), one post in ten private,
// `created` spread over the last 1,000 hours so that `sort=-created` has a stable order.
//
// Applied only by the benchmark, next to the project migrations, on a throw-away data dir. Every user has
// the same, publicly known password, so this data must never reach a server anyone else can reach.
//
// Hashing a password costs about 0.3 s of bcrypt (cost 12), so it is hashed once and the hash is copied:
// 100 users take one hash instead of half a minute. Each user still gets a token key of its own.

const USERS = 100
const POSTS_PER_USER = 10
const PRIVATE_EVERY = 10
const PASSWORD = "bench-pass-0000"

function userName(index) {
  return "bench" + String(index).padStart(3, "0")
}

// PocketBase's datetime format, in UTC.
function hoursAgo(hours) {
  return new Date(Date.now() - hours * 3600 * 1000).toISOString().replace("T", " ")
}

migrate((db) => {
  const dao = new Dao(db)
  const users = dao.findCollectionByNameOrId("users")
  const posts = dao.findCollectionByNameOrId("posts")

  let hash = ""
  const authorIds = []
  for (let i = 0; i < USERS; i++) {
    const user = new Record(users)
    user.setUsername(userName(i))
    user.setEmail(userName(i) + "@bench.invalid")
    user.setEmailVisibility(false)
    user.setVerified(true)
    user.set("name", "Bench User " + i)
    if (hash === "") {
      user.setPassword(PASSWORD)
      hash = user.passwordHash()
    } else {
      user.set("passwordHash", hash)
      user.refreshTokenKey()
    }
    dao.saveRecord(user)
    authorIds.push(user.id)
  }

  // Post n belongs to user n % USERS; post 0 is the oldest.
  const total = USERS * POSTS_PER_USER
  for (let n = 0; n < total; n++) {
    const post = new Record(posts)
    post.set("author", authorIds[n % USERS])
    post.set("public", n % PRIVATE_EVERY !== PRIVATE_EVERY - 1)
    post.set("content", "Bench post " + n + ". " + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
      .repeat(1 + (n % 4)).trim())
    post.set("likes", [])
    post.set("likesCount", 0)
    post.set("created", hoursAgo(total - n))
    dao.saveRecord(post)
  }
}, (db) => {
  // Nothing: the benchmark always starts from an empty data dir and throws it away afterwards.
})
