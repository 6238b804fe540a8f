// Page titles as plain strings (escaped once, by the layout).
export default {
  eleventyComputed: {
    pageTitle: (data) => data.bp.board.name + (data.bp.page > 1 ? ` - 第${data.bp.page}页` : ''),
  },
};
