// Page titles as plain strings (escaped once, by the layout); permalinks without a template render.
export default {
  eleventyComputed: {
    permalink: (data) => '/' + data.bp.path,
    pageTitle: (data) => data.bp.board.name + (data.bp.page === null ? '' : ` - 第${data.bp.page}页`),
  },
};
