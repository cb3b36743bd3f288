; Vietnamese texts for the NSIS installer and uninstaller pages that electron-builder lets an
; app replace (the remaining standard strings come from NSIS's own Vietnamese language file).
; Saved as UTF-8 with a byte-order mark so the Unicode installer reads the diacritics.

!macro customWelcomePage
  !define MUI_WELCOMEPAGE_TITLE "Cài đặt Đôn Đốc"
  !define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài đặt Đôn Đốc ${VERSION} — phần mềm theo dõi, đôn đốc nhiệm vụ của Ủy ban nhân dân và các đơn vị.$\r$\n$\r$\nDữ liệu được lưu trên máy này và không bị xóa khi cài lại hoặc nâng cấp.$\r$\n$\r$\nHãy đóng Đôn Đốc nếu đang mở, rồi nhấn Tiếp để tiếp tục."
  !insertmacro MUI_PAGE_WELCOME
!macroend

!macro customUnWelcomePage
  !define MUI_WELCOMEPAGE_TITLE "Gỡ cài đặt Đôn Đốc"
  !define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ gỡ Đôn Đốc khỏi máy này.$\r$\n$\r$\nDữ liệu nhiệm vụ, tài khoản, khóa của máy và các bản sao lưu được giữ lại; khi cài lại Đôn Đốc, dữ liệu vẫn còn nguyên.$\r$\n$\r$\nNhấn Tiếp để tiếp tục."
  !insertmacro MUI_UNPAGE_WELCOME
!macroend
