/** Below a cursor-paginated list: "Loading…" while a page loads, then "Load more" while there is one. */
export function ListFooter({
  loading,
  hasMore,
  more,
}: {
  loading: boolean;
  hasMore: boolean;
  more: () => void;
}) {
  return (
    <div className="list-footer">
      {loading ? (
        <span role="status" className="muted">
          Loading…
        </span>
      ) : null}
      {hasMore && !loading ? (
        <button type="button" className="button secondary" onClick={more}>
          Load more
        </button>
      ) : null}
    </div>
  );
}
