// selfdiag's page: the upload with its progress, the model check, and
// confirmations. Plain JavaScript, nothing fetched from elsewhere.
"use strict";
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  // The page's words in its language, given by the server; «%1», «%2» are
  // filled in by say.
  var words = JSON.parse(document.getElementById("words").textContent);
  function say(key) {
    var args = arguments;
    return words[key].replace(/%(\d)/g, function (_, n) { return args[+n]; });
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    });
  });

  // A run being scored: its page follows the progress, then reloads.
  var running = document.getElementById("running");
  if (running) follow(running.dataset.run, function () { location.reload(); });

  var form = document.getElementById("upload");
  if (!form) return;
  var chosen = []; // [File, name]
  var drop = document.getElementById("drop");
  var said = document.getElementById("chosen");
  var bar = document.getElementById("bar");
  var label = document.getElementById("bar-label");
  var errorBox = document.getElementById("upload-error");

  function show() {
    said.textContent = chosen.length ? say("chosen", chosen.length) : say("none");
  }
  function addFiles(list) {
    for (var i = 0; i < list.length; i++) chosen.push([list[i], list[i].webkitRelativePath || list[i].name]);
    show();
  }
  document.getElementById("folder").addEventListener("change", function (e) { addFiles(e.target.files); });
  document.getElementById("files").addEventListener("change", function (e) { addFiles(e.target.files); });

  // A dropped folder is walked: every file in it and its subfolders.
  function walk(entry, prefix, done) {
    if (entry.isFile) {
      entry.file(function (f) { chosen.push([f, prefix + f.name]); done(); }, done);
      return;
    }
    var reader = entry.createReader(), all = [];
    (function more() {
      reader.readEntries(function (batch) {
        if (!batch.length) {
          var left = all.length;
          if (!left) return done();
          all.forEach(function (e) { walk(e, prefix + entry.name + "/", function () { if (--left === 0) done(); }); });
          return;
        }
        all = all.concat(Array.prototype.slice.call(batch));
        more();
      }, done);
    })();
  }
  ["dragenter", "dragover"].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    var items = e.dataTransfer.items, left = 0;
    if (!items || !items.length || !items[0].webkitGetAsEntry) { addFiles(e.dataTransfer.files); return; }
    var entries = [];
    for (var i = 0; i < items.length; i++) { var en = items[i].webkitGetAsEntry(); if (en) entries.push(en); }
    left = entries.length;
    entries.forEach(function (en) { walk(en, "", function () { if (--left === 0) show(); }); });
  });
  drop.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); document.getElementById("folder").click(); }
  });

  var model = document.getElementById("model");
  var check = document.getElementById("model-check");
  model.addEventListener("change", function () {
    check.textContent = "";
    if (!model.files.length) return;
    var data = new FormData();
    data.append("model", model.files[0]);
    fetch("/api/model/check", { method: "POST", body: data, headers: { "X-CSRF-Token": csrf } })
      .then(function (r) { return r.json(); })
      .then(function (res) {
        if (res.ok) { check.className = ""; check.textContent = say("modelRead", res.model, res.indicators); return; }
        check.className = "error";
        check.setAttribute("role", "alert");
        var p = document.createElement("p");
        p.textContent = res.error || say("modelNotRead");
        check.appendChild(p);
        var ul = document.createElement("ul");
        (res.errors || []).forEach(function (line) { var li = document.createElement("li"); li.textContent = line; ul.appendChild(li); });
        check.appendChild(ul);
      });
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    errorBox.hidden = true;
    var data = new FormData();
    ["territory", "year", "date", "incomplete", "reports"].forEach(function (n) { data.append(n, form.elements[n].value); });
    if (model.files.length) data.append("model", model.files[0]);
    chosen.forEach(function (c) { data.append("files", c[0], c[1]); });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/runs");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    document.getElementById("progress").hidden = false;
    document.getElementById("start").disabled = true;
    label.textContent = say("uploading");
    xhr.upload.onprogress = function (ev) { if (ev.lengthComputable) bar.value = Math.round(ev.loaded * 100 / ev.total); };
    xhr.onload = function () {
      var res = {};
      try { res = JSON.parse(xhr.responseText); } catch (err) { res = { error: xhr.responseText }; }
      if (xhr.status !== 202) { fail(res.error || say("status", xhr.status)); return; }
      // The run's page shows the scoring's progress and then the results.
      location.href = "/runs/" + res.id + "/";
    };
    xhr.onerror = function () { fail(say("lost")); };
    xhr.send(data);
  });

  function fail(msg) {
    errorBox.textContent = msg;
    errorBox.hidden = false;
    document.getElementById("progress").hidden = true;
    document.getElementById("start").disabled = false;
  }

  // follow asks for the run's state until it is scored (a failed request
  // is asked again), then calls then.
  function follow(id, then) {
    (function poll() {
      fetch("/api/runs/" + id, { headers: { Accept: "application/json" }, cache: "no-store" }).then(function (r) { return r.json(); }).then(function (st) {
        var b = document.getElementById("bar"), l = document.getElementById("bar-label");
        if (st.state === "running") {
          if (st.total) { b.max = st.total; b.value = st.done; l.textContent = say("scoring", st.done, st.total); }
          setTimeout(poll, 500);
          return;
        }
        then();
      }).catch(function () { setTimeout(poll, 1000); });
    })();
  }
})();
