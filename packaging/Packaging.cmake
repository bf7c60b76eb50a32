# Desktop integration and the Debian package (cpack -G DEB in the build folder).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/gigaplan.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/gigaplan.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# .gigaplan files open in Gigaplan (shared-mime-info type), the software centres' entry
# (AppStream) and the command line's manual page.
install(FILES ${CMAKE_CURRENT_LIST_DIR}/gigaplan-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME gigaplan.xml)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/invalid.gigaplan.Gigaplan.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/gigaplan-cli.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_PACKAGE_NAME gigaplan)
set(CPACK_PACKAGE_VENDOR "Gigaplan")
set(CPACK_PACKAGE_CONTACT "Gigaplan developers <dev@gigaplan.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Runtime dependencies (Qt 6, VTK, SQLite, ...) are read off the binaries by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
