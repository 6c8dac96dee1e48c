// Runway's web UI: starts runs, draws a run live from its server-sent events, and sends the
// buttons' actions to the REST API with the session's CSRF token. No build step, no framework.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content;

async function api(path, body) {
  const headers = {"Content-Type": "application/json"};
  if (csrf()) headers["X-CSRF-Token"] = csrf();
  const r = await fetch(path, {method: "POST", headers, body: JSON.stringify(body || {}), credentials: "same-origin"});
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(json.error ? json.error.message : "HTTP " + r.status);
  return json;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function duration(ms) {
  if (ms === null || ms === undefined || ms < 0) return "";
  const s = Math.floor(ms / 1000);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

// ---- the start form on the runs page ----

function startForm(form) {
  const select = form.querySelector("#runbook");
  const show = () => form.querySelectorAll("fieldset.vars").forEach(f => {
    f.hidden = f.dataset.runbook !== select.value;
    f.disabled = f.hidden;
  });
  select.addEventListener("change", show);
  show();
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const problem = form.querySelector("#start-problem");
    const button = form.querySelector("#start-button");
    const vars = {};
    form.querySelectorAll(`fieldset.vars[data-runbook="${CSS.escape(select.value)}"] input`).forEach(i => {
      if (i.value !== "") vars[i.name] = i.value;
    });
    button.disabled = true;
    problem.hidden = true;
    try {
      const run = await api("/api/runs", {runbook: select.value, vars});
      location.assign("/ui/runs/" + encodeURIComponent(run.run));
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
      button.disabled = false;
    }
  });
}

// ---- the live run page ----

function runPage(root) {
  const data = JSON.parse(root.dataset.run);
  const meta = Object.fromEntries(data.steps.map(s => [s.id, s]));
  const $ = id => document.getElementById(id);
  let run = data.run;
  let lastChunk = 0;
  let outputStep = null;
  let source = null;
  const monitorHistory = {};
  let chart = null;

  function countdownText(until) {
    const left = Date.parse(until) - Date.now();
    return left > 0 ? duration(left) + " left" : "due now";
  }

  function stepTime(s) {
    if (s.duration_ms !== null && s.duration_ms !== undefined) return duration(s.duration_ms);
    if (!s.started_at) return "";
    const since = Date.now() - Date.parse(s.started_at);
    const window = meta[s.id] && meta[s.id].window_s;
    if (s.status === "running" && window) return duration(since) + " of " + duration(window * 1000);
    return duration(since);
  }

  function drawSteps() {
    const rows = run.steps.map(s => el("tr", {"data-step": s.id, class: s.status},
      el("td", null, el("span", {class: "step-title"}, (meta[s.id] && meta[s.id].title) || s.id),
        el("br"), el("code", {class: "muted"}, s.id), s.rollback ? el("span", {class: "muted"}, " (rollback)") : null),
      el("td", null, el("span", {class: "badge " + s.status}, s.status), s.attempt > 1 ? " #" + s.attempt : null),
      el("td", {class: "time"}, stepTime(s)),
      el("td", null, s.detail || "", s.approved_by && !(s.detail || "").includes("approved by") ? el("div", {class: "muted"}, "approved by " + s.approved_by.join(", ")) : null,
        s.confirmed_by ? el("div", {class: "muted"}, "confirmed by " + s.confirmed_by) : null)));
    $("steps").replaceChildren(...rows);
  }

  function button(label, action, body, cls) {
    return el("button", {type: "button", class: cls || null, "data-action": action, onclick: async ev => {
      const problem = $("action-problem");
      problem.hidden = true;
      ev.target.disabled = true;
      try {
        const result = await api(`/api/runs/${encodeURIComponent(run.run)}/${action}`, Object.assign({comment: $("comment").value, reason: $("comment").value}, body || {}));
        $("comment").value = "";
        update(result.run);
        if (!source) follow();
      } catch (e) {
        problem.textContent = e.message;
        problem.hidden = false;
      } finally {
        ev.target.disabled = false;
      }
    }}, label);
  }

  function drawAttention() {
    const a = run.awaiting;
    const box = $("attention");
    const actions = [];
    let why = "";
    if (a && run.status === "waiting") {
      $("attention-title").textContent = {gate: "Waiting for approval", manual: "Waiting for a person", decision: "A step failed: decide", timer: "Waiting"}[a.kind] || "Waiting";
      $("attention-reason").textContent = a.reason || "";
      if (a.kind === "gate") {
        const g = data.gates[a.step] || {};
        if (data.may.approve && g.approve) actions.push(button("Approve", "approve", null, "primary"));
        if (data.may.reject && g.reject) actions.push(button("Reject", "reject", null, "danger"));
        if (data.may.approve && !g.approve && g.why_not) why = g.why_not;
      } else if (a.kind === "manual" && data.may.confirm) {
        actions.push(button("Confirm done", "confirm", null, "primary"));
      } else if (a.kind === "decision" && data.may.decide) {
        actions.push(button("Retry", "decide", {choice: "retry"}, "primary"));
        if (data.may.skip) actions.push(button("Skip", "decide", {choice: "skip"}));
        if (data.may.skip) actions.push(button("Roll back", "decide", {choice: "rollback"}, "danger"));
        actions.push(button("Abort", "decide", {choice: "abort"}, "danger"));
      }
    }
    box.hidden = !(a && run.status === "waiting");
    $("actions").replaceChildren(...actions);
    $("attention-why").textContent = why;
    $("comment").hidden = actions.length === 0;
    document.querySelector('label[for="comment"]').hidden = actions.length === 0;
    // A failed rollback can be tried again once its cause is fixed, if the runbook has rollback steps.
    const retriable = run.status === "rollback-failed" && run.steps.some(s => s.rollback);
    const rollbackable = data.may.rollback && (retriable || !["rolled-back", "rolling-back", "aborted", "rollback-failed"].includes(run.status))
      && !(run.status === "waiting" && a && a.kind === "decision");
    $("rollback-row").hidden = !rollbackable;
  }

  function tick() {
    const a = run.awaiting;
    $("attention-countdown").textContent = a && a.until && run.status === "waiting" ? countdownText(a.until) : "";
    document.querySelectorAll("#monitor-rows td[data-until]").forEach(td => { td.textContent = countdownText(td.dataset.until); });
    document.querySelectorAll("#steps tr.running td.time, #steps tr.waiting td.time").forEach(td => {
      const s = run.steps.find(x => x.id === td.parentElement.dataset.step);
      if (s) td.textContent = stepTime(s);
    });
  }

  // The windows watching the run (observe steps, armed triggers): a table of each rule against
  // its threshold with the time left, and a chart of the values seen since the page opened.
  function drawMonitors() {
    const monitors = Array.isArray(run.monitors) ? run.monitors : [];
    $("monitors-box").hidden = monitors.length === 0;
    if (monitors.length === 0) return;
    $("monitor-rows").replaceChildren(...monitors.map(m => el("tr", {class: m.breaching ? "waiting" : null},
      el("td", null, m.rule || m.metric, el("br"), el("code", {class: "muted"}, m.scope || "")),
      el("td", null, m.shown || ""), el("td", null, m.threshold || ""),
      el("td", null, el("span", {class: "badge " + (m.breaching ? "failed" : m.state === "ok" ? "succeeded" : "waiting")}, m.state || ""),
        m.breaching_for_s ? " for " + duration(m.breaching_for_s * 1000) : null),
      el("td", {class: "time", "data-until": m.until || null}, m.until ? countdownText(m.until) : ""))));
    const at = new Date().toLocaleTimeString();
    for (const m of monitors) {
      if (typeof m.value !== "number") continue;
      const name = (m.scope ? m.scope + " · " : "") + (m.rule || m.metric) + (m.threshold ? " (" + m.threshold + ")" : "");
      const points = (monitorHistory[name] ||= []);
      if (!points.length || points[points.length - 1].stamp !== m.at) points.push({x: at, y: m.value, stamp: m.at});
    }
    const draw = () => {
      const datasets = Object.entries(monitorHistory).map(([label, points]) => ({label, data: points.slice(-120), tension: 0.2}));
      if (chart) { chart.data.datasets = datasets; chart.update("none"); return; }
      chart = new window.Chart($("monitors"), {type: "line", data: {datasets},
        options: {animation: false, parsing: {xAxisKey: "x", yAxisKey: "y"}, scales: {x: {type: "category"}}}});
    };
    if (Object.keys(monitorHistory).length === 0) return;
    if (window.Chart) draw();
    else if (!document.getElementById("chart-js")) {
      const script = el("script", {id: "chart-js", src: document.body.dataset.chart});
      script.addEventListener("load", draw);
      document.head.append(script);
    }
  }

  function update(doc) {
    run = doc;
    const status = $("run-status");
    status.textContent = run.status;
    status.className = "badge " + run.status;
    $("run-meta").textContent = [run.environment, run.vars && run.vars.version, "started by " + run.initiator].filter(Boolean).join(" · ");
    document.body.dataset.status = run.status;
    drawSteps();
    drawAttention();
    drawMonitors();
    tick();
  }

  function output(chunks) {
    const pre = $("output");
    for (const c of chunks) {
      if (c.id <= lastChunk) continue;
      lastChunk = c.id;
      if (c.step !== outputStep) {
        outputStep = c.step;
        pre.textContent = "";
        $("output-step").textContent = "of " + c.step;
      }
      pre.textContent = (pre.textContent + c.text).split("\n").slice(-200).join("\n");
    }
    pre.scrollTop = pre.scrollHeight;
  }

  function follow() {
    source = new EventSource(`/api/runs/${encodeURIComponent(run.run)}/events`);
    source.addEventListener("open", () => { $("live").textContent = "live"; });
    source.addEventListener("run", e => update(JSON.parse(e.data)));
    source.addEventListener("output", e => output(JSON.parse(e.data).chunks));
    source.addEventListener("end", e => {
      update(JSON.parse(e.data));
      source.close();
      source = null;
      $("live").textContent = "finished";
    });
    source.addEventListener("error", () => { if (source) $("live").textContent = "reconnecting…"; });
  }

  $("rollback-button").addEventListener("click", async () => {
    if (!confirm("Roll back run " + run.run + "?")) return;
    try {
      const result = await api(`/api/runs/${encodeURIComponent(run.run)}/rollback`, {reason: $("comment").value || "rolled back from the web UI"});
      update(result.run);
      if (!source) follow();
    } catch (e) {
      $("action-problem").textContent = e.message;
      $("action-problem").hidden = false;
      $("attention").hidden = false;
    }
  });

  update(run);
  follow();
  setInterval(tick, 1000);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("start-form");
  if (form) startForm(form);
  const run = document.getElementById("run");
  if (run) runPage(run);
});
