#!/usr/bin/env bash
# The pull-request plan diff of ci.yml (job plan-diff), one subcommand per step:
#
#   plan-diff.sh diff     plan every stack of the head (and of the base checkout in $BASE_DIR, when it has the
#                         stack) to JSON, `meridian diff` them from the head, and write the comment body to
#                         $OUT/body.md and the job summary; `blocking=true` when a diff exited 1.
#   plan-diff.sh comment  post the body as ONE sticky comment on the pull request: the comment carrying the
#                         marker is edited in place, else a new one is made (gh api, GH_TOKEN).
#   plan-diff.sh gate     fail when a diff was blocking, unless the pull request has the label
#                         meridian:accept-replacement or the head commit the trailer Meridian-Accept-Replacement.
#
# Environment: HEAD_SHA, ACCEPT_LABEL ("true"/"false"), REPO and PR_NUMBER (comment); optional BASE_DIR
# (default ../base), HEAD_DIR (default .), PLAN_DIFF_OUT (default $RUNNER_TEMP/meridian-plan-diff).
# `npx --no meridian`: --no, so that a checkout whose package.json has no such bin never fetches a package of that name.
set -euo pipefail

MARKER='<!-- meridian-plan-diff -->'
LABEL='meridian:accept-replacement'
TRAILER='Meridian-Accept-Replacement'
BASE_DIR="${BASE_DIR:-../base}"
HEAD_DIR="${HEAD_DIR:-.}"
OUT="${PLAN_DIFF_OUT:-${RUNNER_TEMP:-/tmp}/meridian-plan-diff}"
BODY="$OUT/body.md"
# GitHub refuses comments over 65536 characters; the job summary keeps the whole body.
MAX_COMMENT_BYTES=60000

error() { echo "::error::$*" >&2; }

# The acknowledgement of a blocking diff, as a phrase; fails when there is none.
acknowledgement() {
  if [ "${ACCEPT_LABEL:-false}" = "true" ]; then
    echo "the label \`$LABEL\`"
    return 0
  fi
  local reason
  reason="$(git log -1 --format=%B "${HEAD_SHA:-HEAD}" | git interpret-trailers --parse |
    sed -n "s/^$TRAILER:[[:space:]]*//Ip" | head -n 1)"
  if [ -n "$reason" ]; then
    echo "the trailer \`$TRAILER: $reason\`"
    return 0
  fi
  return 1
}

# plan <checkout> <stack> <report.json>: prints the plan's exit code (1 still wrote the report).
plan() {
  local code=0
  # Its stdout to the log (this function's own stdout is the code), its stderr kept for the message.
  (cd "$1" && npx --no meridian plan --stack "$2" --format json --out "$3") >&2 2> "$3.err" || code=$?
  cat "$3.err" >&2
  echo "$code"
}

# Why a plan or diff failed, for the body and the log: its exit code and its last line on stderr.
failure() { echo "$1 exited $2: $(grep -v '^wrote ' "$3" | tail -n 1)"; }

# Fails only when both reports read and their formats (reportVersion; none before 0.3.0) differ.
same_report_version() {
  node -e 'const v = (f) => { try { const r = JSON.parse(require("fs").readFileSync(f, "utf8")); return r !== null && typeof r === "object" ? String(r.reportVersion) : null; } catch { return null; } }; const [a, b] = [v(process.argv[1]), v(process.argv[2])]; process.exit(a !== null && b !== null && a !== b ? 1 : 0);' "$1" "$2"
}

cmd_diff() {
  rm -rf "$OUT" && mkdir -p "$OUT"
  local failed=0 blocking=false sections="$OUT/sections.md" file stack code
  : > "$sections"
  shopt -s nullglob
  for file in "$HEAD_DIR"/stacks/Pulumi.*.yaml; do
    stack="${file##*/Pulumi.}"; stack="${stack%.yaml}"
    echo "::group::$stack"
    code="$(plan "$HEAD_DIR" "$stack" "$OUT/$stack.head.json")"
    if [ "$code" -gt 1 ] || [ ! -f "$OUT/$stack.head.json" ]; then
      error "$(failure "meridian plan --stack $stack (head)" "$code" "$OUT/$stack.head.json.err")"
      printf '**%s**: the head plan failed: `%s`\n\n' "$stack" "$(failure plan "$code" "$OUT/$stack.head.json.err")" >> "$sections"
      failed=1
    elif [ ! -f "$BASE_DIR/stacks/Pulumi.$stack.yaml" ]; then
      printf '**%s**: new stack, no base plan to compare with.' "$stack" >> "$sections"
      if [ "$code" = 1 ]; then
        # Every violation of a new stack is new: as blocking as a diff's new mandatory violation.
        printf ' Its plan has a mandatory policy violation or an engine rejection (`meridian plan --stack %s`).' "$stack" >> "$sections"
        blocking=true
      fi
      printf '\n\n' >> "$sections"
    else
      code="$(plan "$BASE_DIR" "$stack" "$OUT/$stack.base.json")"
      if [ "$code" -gt 1 ] || [ ! -f "$OUT/$stack.base.json" ]; then
        error "$(failure "meridian plan --stack $stack (base)" "$code" "$OUT/$stack.base.json.err")"
        printf '**%s**: the base plan failed: `%s`\n\n' "$stack" "$(failure plan "$code" "$OUT/$stack.base.json.err")" >> "$sections"
        failed=1
      else
        code=0
        (cd "$HEAD_DIR" && npx --no meridian diff "$OUT/$stack.base.json" "$OUT/$stack.head.json" --format markdown) \
          > "$OUT/$stack.md" 2> "$OUT/$stack.md.err" || code=$?
        cat "$OUT/$stack.md.err" >&2
        case "$code" in
          0 | 1)
            cat "$OUT/$stack.md" >> "$sections"
            printf '\n\n' >> "$sections"
            if [ "$code" = 1 ]; then blocking=true; fi
            ;;
          2)
            if ! same_report_version "$OUT/$stack.base.json" "$OUT/$stack.head.json"; then
              # The base's plan report is of another format (before `meridian diff`, or a change of the format): no diff.
              printf '**%s**: the base plan report is of another format than the head'"'"'s; no diff.\n\n' "$stack" >> "$sections"
            else
              error "$(failure "meridian diff ($stack)" "$code" "$OUT/$stack.md.err")"
              printf '**%s**: the diff failed: `%s`\n\n' "$stack" "$(failure diff "$code" "$OUT/$stack.md.err")" >> "$sections"
              failed=1
            fi
            ;;
          *)
            error "$(failure "meridian diff ($stack)" "$code" "$OUT/$stack.md.err")"
            printf '**%s**: the diff failed: `%s`\n\n' "$stack" "$(failure diff "$code" "$OUT/$stack.md.err")" >> "$sections"
            failed=1
            ;;
        esac
      fi
    fi
    echo "::endgroup::"
  done
  for file in "$BASE_DIR"/stacks/Pulumi.*.yaml; do
    stack="${file##*/Pulumi.}"; stack="${stack%.yaml}"
    if [ ! -f "$HEAD_DIR/stacks/Pulumi.$stack.yaml" ]; then
      printf '**%s**: its stack file is removed (nothing is planned; its resources stay until the stack is destroyed).\n\n' "$stack" >> "$sections"
    fi
  done

  local base_sha head_sha
  base_sha="$(git -C "$BASE_DIR" rev-parse --short HEAD 2> /dev/null || echo '?')"
  head_sha="$(git -C "$HEAD_DIR" rev-parse --short HEAD 2> /dev/null || echo '?')"
  {
    echo "$MARKER"
    echo "### Meridian plan diff"
    echo
    echo "Offline plan of every stack, base \`$base_sha\` → head \`$head_sha\`."
    echo
    cat "$sections"
    if [ "$blocking" = true ]; then
      local ack
      if ack="$(acknowledgement)"; then
        echo "A protected or stateful resource would be replaced or deleted, or a mandatory violation is new: accepted by $ack."
      else
        echo "**A protected or stateful resource would be replaced or deleted, or a mandatory violation is new.** To accept it, add the label \`$LABEL\` to the pull request, or a trailer \`$TRAILER: <reason>\` to the head commit's message."
      fi
    fi
  } > "$BODY"
  echo "$blocking" > "$OUT/blocking"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$BODY" >> "$GITHUB_STEP_SUMMARY"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "blocking=$blocking" >> "$GITHUB_OUTPUT"; fi
  return "$failed"
}

cmd_comment() {
  if [ ! -f "$BODY" ]; then
    error "no comment body at $BODY (the diff step did not get that far)"
    return 1
  fi
  local body="$BODY" payload="$OUT/comment.json" id
  if [ "$(wc -c < "$BODY")" -gt "$MAX_COMMENT_BYTES" ]; then
    body="$OUT/comment.md"
    { head -c "$MAX_COMMENT_BYTES" "$BODY"; printf '\n\n…cut here: the whole diff is in the job summary of this check.\n'; } > "$body"
  fi
  node -e 'const fs = require("fs"); fs.writeFileSync(process.argv[2], JSON.stringify({ body: fs.readFileSync(process.argv[1], "utf8") }));' "$body" "$payload"
  # Our own earlier comment: made by the Actions bot and carrying the marker.
  id="$(gh api --paginate "repos/$REPO/issues/$PR_NUMBER/comments" \
    --jq '.[] | select(.user.login == "github-actions[bot]" and (.body | contains("<!-- meridian-plan-diff -->"))) | .id' | head -n 1)"
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$REPO/issues/comments/$id" --input "$payload" > /dev/null
    echo "updated comment $id"
  else
    gh api --method POST "repos/$REPO/issues/$PR_NUMBER/comments" --input "$payload" > /dev/null
    echo "posted a new comment"
  fi
}

cmd_gate() {
  if [ ! -f "$OUT/blocking" ]; then
    error "no result at $OUT/blocking (the diff step did not finish)"
    return 1
  fi
  if [ "$(cat "$OUT/blocking")" != true ]; then
    echo "no protected or stateful resource is replaced or deleted, and no mandatory violation is new"
    return 0
  fi
  local ack
  if ack="$(acknowledgement)"; then
    echo "::notice::a protected or stateful resource is replaced or deleted, or a mandatory violation is new: accepted by $ack"
    return 0
  fi
  error "a protected or stateful resource would be replaced or deleted, or a mandatory violation is new (see the plan diff). To accept it, add the label $LABEL to the pull request, or a trailer '$TRAILER: <reason>' to the head commit's message."
  return 1
}

case "${1:-}" in
  diff) cmd_diff ;;
  comment) cmd_comment ;;
  gate) cmd_gate ;;
  *)
    echo "usage: plan-diff.sh diff|comment|gate" >&2
    exit 2
    ;;
esac
