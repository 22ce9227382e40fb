// The query page's only script: Ctrl+Enter (or Cmd+Enter) runs the query. The page works without it.
document.addEventListener("DOMContentLoaded", function () {
  var area = document.getElementById("query");
  var form = document.getElementById("query-form");
  if (!area || !form) { return; }
  area.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  });
});
