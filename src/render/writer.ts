// Builds the body HTML line by line: consecutive non-empty lines form a paragraph joined
// by <br />, an empty line ends it, block elements (quotes, figures, tables) close it.
// <strong> left open ends with its line (docs/decisions.md D9); a <strong> is written only when
// content follows it, so a line holding just "<strong>" stays an empty line.
export class Writer {
  html = '';
  private para = false;
  /** The last line ended with content: the next content starts with <br>. */
  private br = false;
  /** The current line has written inline content. */
  private content = false;
  private strong = 0;
  /** Opened <strong> not written yet (no content since). */
  private pending = 0;

  inline(h: string): void {
    if (h === '') return;
    if (!this.para) (this.html += '<p>'), (this.para = true);
    else if (this.br) this.html += '<br />';
    this.br = false;
    this.content = true;
    for (; this.pending > 0; this.pending--, this.strong++) this.html += '<strong>';
    this.html += h;
  }

  /** Blank text: written inside a paragraph, dropped where it would open one. */
  blank(h: string): void {
    if (this.para && !this.br) this.html += h;
  }

  openStrong(): void {
    this.pending++;
  }

  closeStrong(): void {
    if (this.pending > 0) this.pending--;
    else if (this.strong > 0) (this.html += '</strong>'), this.strong--;
  }

  endLine(): void {
    this.closeStrongs();
    if (this.content) this.br = true;
    else this.endPara();
    this.content = false;
  }

  /** Write a block element (closes the paragraph). */
  block(h: string): void {
    this.endPara();
    this.html += h;
    this.content = false;
  }

  endPara(): void {
    this.closeStrongs();
    if (this.para) (this.html += '</p>'), (this.para = false);
    this.br = false;
  }

  private closeStrongs(): void {
    this.pending = 0;
    for (; this.strong > 0; this.strong--) this.html += '</strong>';
  }
}
