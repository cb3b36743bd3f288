"""
Makes .xlsx files the way a clerk's LibreOffice Calc makes them, for the import tests.

    /usr/bin/python3 calc_corpus.py JOBS.json

JOBS.json: {"profile": DIR, "jobs": [{"out": PATH, "locale": "vi-VN" | "en-US",
"open": PATH (xlsx or csv), "csvOptions": "44,34,76,1,,1066" (csv only), "ops": [...]}]}

One headless soffice (profile in DIR, talking over a named pipe, no network port) runs every
job, switching Calc's locale (the L10N setting) between jobs of different locales with no
document open. A typed value goes through Calc's own input recognition (its number formatter,
for the job's locale): a cell formatted as Text
keeps the text, anything else becomes the number or date Calc recognises, with the date format
Calc gives it, as when a person types. (Typing through the dispatcher, .uno:EnterString, makes
soffice 7.4 abort on an idle timer in a hidden document.)
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import Locale
from com.sun.star.util.NumberFormat import DATE, TEXT


def pv(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def main():
    spec = json.load(open(sys.argv[1], encoding='utf-8'))
    jobs = sorted(spec['jobs'], key=lambda job: job.get('locale', 'vi-VN'))
    pipe = 'dondoc_corpus_%d' % os.getpid()
    proc = subprocess.Popen(
        ['soffice', '-env:UserInstallation=' + url(spec['profile']), '--headless', '--invisible', '--norestore', '--nologo', '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ['CORPUS_SOFFICE_LOG'], 'w') if os.environ.get('CORPUS_SOFFICE_LOG') else subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit('soffice did not start')
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        provider = smgr.createInstanceWithContext('com.sun.star.configuration.ConfigurationProvider', ctx)

        def set_locale(tag):
            access = provider.createInstanceWithArguments('com.sun.star.configuration.ConfigurationUpdateAccess', (pv('nodepath', '/org.openoffice.Setup/L10N'),))
            access.setPropertyValue('ooSetupSystemLocale', tag)
            access.commitChanges()

        current = None
        for job in jobs:
            print('job', job['out'], file=sys.stderr, flush=True)
            locale = job.get('locale', 'vi-VN')
            if locale != current:
                set_locale(locale)
                current = locale
            args = [pv('Hidden', True)]
            if job['open'].endswith('.csv'):
                args += [pv('FilterName', 'Text - txt - csv (StarCalc)'), pv('FilterOptions', job['csvOptions'])]
            doc = desktop.loadComponentFromURL(url(job['open']), '_blank', 0, tuple(args))
            sheet = doc.Sheets.getByIndex(0)

            lang, country = locale.split('-')
            formatter = smgr.createInstanceWithContext('com.sun.star.util.NumberFormatter', ctx)
            formatter.attachNumberFormatsSupplier(doc)
            standard = doc.NumberFormats.getStandardFormat(0, Locale(lang, country, ''))

            def put(cell, text):
                if doc.NumberFormats.getByKey(cell.NumberFormat).Type & TEXT:
                    cell.setString(text)
                    return
                try:
                    key = formatter.detectNumberFormat(standard, text)
                    value = formatter.convertStringToNumber(key, text)
                except Exception:
                    cell.setString(text)
                    return
                cell.setValue(value)
                if doc.NumberFormats.getByKey(key).Type & DATE:
                    cell.NumberFormat = key

            ops = job.get('ops', [])
            for op in [o for o in ops if o['op'] != 'insertSheet']:
                kind = op['op']
                print('  op', kind, file=sys.stderr, flush=True)
                if kind == 'hideSheet':
                    doc.Sheets.getByName(op['name']).IsVisible = False
                elif kind == 'type':
                    # Typed by a person: Calc's locale and the cell's format decide the cell type.
                    for ref, text in op['cells']:
                        put(sheet.getCellRangeByName(ref), text)
                elif kind == 'deleteRows':
                    sheet.Rows.removeByIndex(op['start'] - 1, op['count'])
                elif kind == 'insertRows':
                    sheet.Rows.insertByIndex(op['start'] - 1, op['count'])
                elif kind == 'deleteColumn':
                    sheet.Columns.removeByIndex(op['index'], 1)
                elif kind == 'hideColumn':
                    sheet.Columns.getByIndex(op['index']).IsVisible = False
                elif kind == 'merge':
                    sheet.getCellRangeByName(op['range']).merge(True)
                elif kind == 'moveColumn':
                    # Cut a column and insert it before another, as a clerk reorders columns.
                    cols = sheet.Columns
                    src, dst = op['from'], op['to']
                    cols.insertByIndex(dst, 1)
                    if src >= dst:
                        src += 1
                    sheet.moveRange(sheet.getCellByPosition(dst, 0).CellAddress, sheet.getCellRangeByPosition(src, 0, src, 1048575).RangeAddress)
                    cols.removeByIndex(src, 1)
                elif kind == 'background':
                    sheet.getCellRangeByName(op['range']).CellBackColor = op.get('color', 0xFFFF99)
                else:
                    raise SystemExit('unknown op ' + kind)
            doc.storeToURL(url(job['out']), (pv('FilterName', 'Calc MS Excel 2007 XML'),))
            doc.close(True)
            # Sheets are added in a second pass over the saved file, as a clerk adds a guide sheet later.
            sheets = [o for o in ops if o['op'] == 'insertSheet']
            if sheets:
                doc = desktop.loadComponentFromURL(url(job['out']), '_blank', 0, (pv('Hidden', True),))
                for op in sheets:
                    print('  op insertSheet', file=sys.stderr, flush=True)
                    doc.Sheets.insertNewByName(op['name'], op['index'])
                    other = doc.Sheets.getByName(op['name'])
                    for ref, text in op.get('cells', []):
                        other.getCellRangeByName(ref).setString(text)
                doc.storeToURL(url(job['out']), (pv('FilterName', 'Calc MS Excel 2007 XML'),))
                doc.close(True)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == '__main__':
    main()
